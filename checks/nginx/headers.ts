/**
 * Security headers per server block, as nginx really sends them: add_header is inherited only
 * by a level that has no add_header of its own (unless `add_header_inherit merge`, nginx ≥
 * 1.29.3), so every location is judged on its own set; without `always` a header is absent from
 * error responses (4xx, 5xx).
 */
import { type Evidence, fail, pass, type SubjectResult, subject } from '../probe.ts';
import { allLevels, type Level, type Server } from './servers.ts';

export interface HeadersParams {
  /** Headers every response must carry (default X-Frame-Options, X-Content-Type-Options, Referrer-Policy). */
  headers?: string[];
  /** Headers TLS servers must also carry (default Strict-Transport-Security). */
  tlsHeaders?: string[];
  /** Each required header must be `always` (sent on error responses too). Default true. */
  always?: boolean;
}

export const DEFAULT_HEADERS = ['X-Frame-Options', 'X-Content-Type-Options', 'Referrer-Policy'];
export const DEFAULT_TLS_HEADERS = ['Strict-Transport-Security'];

interface Header {
  name: string;
  value: string;
  always: boolean;
  at: string;
}

/** The add_header set in force at a level. */
export function headersAt(l: Level): Header[] {
  const own = l.directives.filter((d) => d.name === 'add_header');
  const inherit = l.directives.filter((d) => d.name === 'add_header_inherit').at(-1)?.args[0] ?? 'on';
  const mine = own.map((d) => ({
    name: d.args[0] ?? '',
    value: d.args[1] ?? '',
    always: d.args[2] === 'always',
    at: `${d.file}:${d.line}`,
  }));
  if (!l.parent || inherit === 'off') return mine;
  if (own.length && inherit !== 'merge') return mine;
  return [...headersAt(l.parent), ...mine];
}

const ownHeaders = (l: Level) => l.directives.some((d) => d.name === 'add_header');

function missingAt(l: Level, required: string[], always: boolean): string[] {
  const set = headersAt(l);
  return required.flatMap((h) => {
    // nginx sends no header whose value is empty.
    const found = set.filter((x) => x.name.toLowerCase() === h.toLowerCase() && x.value !== '');
    if (!found.length) return [h];
    if (always && !found.some((x) => x.always)) return [`${h} (without always: not on error responses)`];
    return [];
  });
}

/**
 * One subject per server: the required headers at the server level and in every location.
 * @example judgeHeaders(servers, { headers: ['X-Frame-Options'], always: true }, source)
 */
export function judgeHeaders(servers: Server[], p: HeadersParams, source: string): SubjectResult[] {
  const always = p.always ?? true;
  return servers.map((s) => {
    const required = [
      ...(p.headers ?? DEFAULT_HEADERS),
      ...(s.tls ? (p.tlsHeaders ?? DEFAULT_TLS_HEADERS) : []),
    ];
    const gaps = allLevels(s.level)
      .map((l) => ({
        where: l === s.level ? 'server' : l.label,
        missing: missingAt(l, required, always),
        // The trap named: this level's own add_header replaced what its parent sent.
        dropsInherited:
          !!l.parent &&
          l.kind !== 'server' &&
          ownHeaders(l) &&
          missingAt(l.parent, required, always).length === 0,
      }))
      .filter((g) => g.missing.length);
    const evidence: Evidence = {
      observed: { server: headersAt(s.level).map((h) => `${h.name}${h.always ? ' always' : ''}`), gaps },
      expected: { headers: required, always },
      source,
      at: `${s.file}:${s.line}`,
    };
    if (!gaps.length)
      return subject(s.name, pass(`${s.name}: ${required.join(', ')} on every response`, evidence));
    const shown = gaps
      .slice(0, 3)
      .map(
        (g) =>
          `${g.where}: ${g.missing.join(', ')}${g.dropsInherited ? ' (its own add_header drops the inherited ones)' : ''}`,
      )
      .join('; ');
    return subject(
      s.name,
      fail(`${s.name}: security headers missing in ${gaps.length} place(s) — ${shown}`, evidence),
    );
  });
}
