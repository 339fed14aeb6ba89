/**
 * SHOW GRANTS lines parsed into what they give: privileges on a scope (`*.*`, a database
 * pattern, a table, a routine), a role, or PROXY. Authentication clauses (IDENTIFIED BY
 * PASSWORD '…') are cut before anything is kept: a hash never reaches evidence.
 */
import { ReadError } from '../host/read.ts';

export type Grant =
  | { kind: 'privileges'; privileges: string; database: string; object: string; routine?: string }
  | { kind: 'role'; role: string }
  | { kind: 'proxy'; target: string };

const IDENT = '`(?:[^`]|``)*`';
const PRIVILEGES = new RegExp(
  `^GRANT (.+?) ON (?:(PROCEDURE|FUNCTION|PACKAGE BODY|PACKAGE) )?(\\*|${IDENT})\\.(\\*|${IDENT}) TO `,
);
const ROLE = new RegExp(`^GRANT (${IDENT}) TO `);
const PROXY = /^GRANT PROXY ON (.+?) TO /;

const unquote = (s: string) => (s.startsWith('`') ? s.slice(1, -1).replaceAll('``', '`') : s);

/** The line without its authentication and TLS clauses (what evidence may show). */
export function shownGrant(line: string): string {
  return line.replace(/ (IDENTIFIED|REQUIRE) .*$/, '').slice(0, 300);
}

/** @example parseGrant('GRANT ALL PRIVILEGES ON `wp_a`.* TO `wp_a`@`localhost`') // { kind: 'privileges', database: 'wp_a', … } */
export function parseGrant(line: string): Grant {
  const p = PRIVILEGES.exec(line);
  if (p) {
    const [, privileges, routine, database, object] = p as unknown as [
      string,
      string,
      string | undefined,
      string,
      string,
    ];
    return {
      kind: 'privileges',
      privileges,
      database: unquote(database),
      object: unquote(object),
      ...(routine ? { routine } : {}),
    };
  }
  const proxy = PROXY.exec(line);
  if (proxy) return { kind: 'proxy', target: proxy[1] ?? '' };
  const role = ROLE.exec(line);
  if (role) return { kind: 'role', role: unquote(role[1] ?? '') };
  throw new ReadError(`SHOW GRANTS: cannot read the line ${JSON.stringify(shownGrant(line))}`);
}

/** SQL LIKE as MariaDB applies it to database grants: `%` any run, `_` one character, `\` escapes. */
export function likePattern(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i] as string);
    else if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A pattern with an unescaped `%`: it grants on databases that do not exist yet too. */
export function hasWildcard(pattern: string): boolean {
  return /(^|[^\\])(\\\\)*%/.test(pattern);
}

/** The pattern as the database name it stands for when it has no wildcard (`wp\_a` → `wp_a`). */
export function literalDatabase(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}
