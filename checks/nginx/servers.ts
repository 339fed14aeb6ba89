/**
 * Server blocks of an effective nginx configuration, and the inheritance rules judged on them:
 * a plain directive is taken from the innermost level that sets it; array-like directives
 * (add_header, limit_req, set_real_ip_from) come from the innermost level that has any of
 * them, the outer ones are then NOT inherited (nginx's classic add_header trap).
 */
import type { Directive } from './parse.ts';

/** One configuration level: http, server, location, `if` inside a location… */
export interface Level {
  kind: string;
  /** `location ~* \.css$` as written, for messages. */
  label: string;
  /** The block directive's arguments (`~*`, `\.css$`). */
  args: string[];
  directives: Directive[];
  parent?: Level;
}

export interface Server {
  /** `alpha.example.test 127.0.0.62:443 ssl`: server_name and listen, what an operator calls it. */
  name: string;
  level: Level;
  tls: boolean;
  file: string;
  line: number;
}

const level = (kind: string, d: Directive | undefined, parent?: Level): Level => ({
  kind,
  label: d ? [d.name, ...d.args].join(' ') : kind,
  args: d?.args ?? [],
  directives: d?.block ?? [],
  parent,
});

/** Every server block of the http context, named by server_name + listen (unique within the dump). */
export function serversOf(config: Directive[]): Server[] {
  const http = config.filter((d) => d.name === 'http' && d.block);
  const seen = new Map<string, number>();
  return http.flatMap((h) => {
    const httpLevel = level('http', h);
    return (h.block ?? [])
      .filter((d) => d.name === 'server' && d.block)
      .map((d) => {
        const own = d.block ?? [];
        const names = own.filter((x) => x.name === 'server_name').flatMap((x) => x.args);
        const listens = own.filter((x) => x.name === 'listen').map((x) => x.args.join(' '));
        const tls =
          listens.some((l) => /(^|\s)(ssl|quic)(\s|$)/.test(l)) ||
          own.some((x) => x.name === 'ssl' && x.args[0] === 'on');
        let name = `${names[0] ?? '""'} ${listens.length ? listens.join(', ') : '*:80'}`;
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        if (n > 1) name = `${name} (${d.file}:${d.line})`;
        return { name, level: level('server', d, httpLevel), tls, file: d.file, line: d.line };
      });
  });
}

/** The levels from http down to `l`, outermost first. */
export function chainOf(l: Level): Level[] {
  const chain: Level[] = [];
  for (let c: Level | undefined = l; c; c = c.parent) chain.unshift(c);
  return chain;
}

/** The value of a plain directive at `l`: the innermost level that sets it, else undefined. */
export function effective(l: Level, name: string): Directive | undefined {
  for (let c: Level | undefined = l; c; c = c.parent) {
    const found = c.directives.filter((d) => d.name === name).at(-1);
    if (found) return found;
  }
  return undefined;
}

/** An array-like directive at `l`: all of them from the innermost level that has any. */
export function effectiveList(l: Level, name: string): { directives: Directive[]; from?: Level } {
  for (let c: Level | undefined = l; c; c = c.parent) {
    const found = c.directives.filter((d) => d.name === name);
    if (found.length) return { directives: found, from: c };
  }
  return { directives: [] };
}

/** Nested levels inside `l` that can carry their own settings: locations, and `if` blocks. */
export function childLevels(l: Level): Level[] {
  return l.directives
    .filter((d) => d.block && (d.name === 'location' || d.name === 'if' || d.name === 'limit_except'))
    .map((d) => level(d.name, d, l));
}

/** `l` and every level below it, depth first. */
export function allLevels(l: Level): Level[] {
  return [l, ...childLevels(l).flatMap(allLevels)];
}

/** The server-level `return` (rewrite phase, before any location): the server only redirects. */
export function serverReturn(s: Server): Directive | undefined {
  return s.level.directives.find((d) => d.name === 'return');
}
