/**
 * Request limits where the policy asks: a limit_req in force in the location nginx picks for
 * each login path (wp-login.php), and client_max_body_size no larger than a maximum.
 */
import { fail, inconclusive, notApplicable, pass, type SubjectResult, subject } from '../probe.ts';
import { LocationRegexError, selectLocation } from './location.ts';
import { allLevels, effective, effectiveList, type Server, serverReturn } from './servers.ts';
import { sizeBytes } from './size.ts';

export interface LimitsParams {
  /** URI paths that must be rate-limited (default /wp-login.php). */
  rateLimited?: string[];
  /** Largest client_max_body_size allowed anywhere in the server, e.g. '16m' (0 = unlimited fails). */
  maxBodySize?: string;
}

export const DEFAULT_RATE_LIMITED = ['/wp-login.php'];

/**
 * One subject per server that serves requests (a server whose every request is a `return`
 * redirect is not-applicable).
 * @example judgeLimits(servers, { rateLimited: ['/wp-login.php'], maxBodySize: '16m' }, source)
 */
export function judgeLimits(servers: Server[], p: LimitsParams, source: string): SubjectResult[] {
  const paths = p.rateLimited ?? DEFAULT_RATE_LIMITED;
  const max = p.maxBodySize === undefined ? undefined : sizeBytes(p.maxBodySize);
  return servers.map((s) => {
    const at = `${s.file}:${s.line}`;
    const redirect = serverReturn(s);
    if (redirect)
      return subject(
        s.name,
        notApplicable(`${s.name}: answers every request with return ${redirect.args.join(' ')}`, {
          source,
          at,
        }),
      );
    try {
      const problems: string[] = [];
      const rate = paths.map((path) => {
        const level = selectLocation(s.level, path).at(-1) ?? s.level;
        const zones = effectiveList(level, 'limit_req').directives.map((d) => d.args.join(' '));
        if (!zones.length)
          problems.push(`no limit_req for ${path} (${level === s.level ? 'server' : level.label})`);
        return { path, location: level.label, limitReq: zones };
      });
      const sizes = allLevels(s.level).map((l) => {
        const d = effective(l, 'client_max_body_size');
        return { where: l === s.level ? 'server' : l.label, value: d?.args[0] ?? '1m' };
      });
      if (max !== undefined) {
        const over = sizes.filter((x) => {
          const b = sizeBytes(x.value);
          return b === undefined || b === 0 || b > max;
        });
        for (const o of over.slice(0, 3))
          problems.push(`client_max_body_size ${o.value} in ${o.where} (max ${p.maxBodySize})`);
      }
      const evidence = {
        observed: { rateLimited: rate, bodySizes: sizes },
        expected: { rateLimited: paths, maxBodySize: p.maxBodySize ?? null },
        source,
        at,
      };
      return subject(
        s.name,
        problems.length
          ? fail(`${s.name}: ${problems.join('; ')}`, evidence)
          : pass(
              `${s.name}: ${paths.join(', ')} rate-limited${max !== undefined ? `, bodies ≤ ${p.maxBodySize}` : ''}`,
              evidence,
            ),
      );
    } catch (err) {
      if (!(err instanceof LocationRegexError)) throw err;
      return subject(s.name, inconclusive(`${s.name}: ${err.message}`, { observed: null, source, at }));
    }
  });
}
