/**
 * Which location nginx picks for a URI (ngx_http_core_find_location): an exact `=` match wins
 * at once; otherwise the longest prefix, searched again inside it for nested locations; a
 * `^~` prefix skips regular expressions; else the first matching regex, in order of appearance.
 */
import { childLevels, type Level } from './servers.ts';

export class LocationRegexError extends Error {
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    super(`cannot evaluate the regular expression of "${location}" (${(cause as Error).message})`, { cause });
    this.name = 'LocationRegexError';
  }
}

interface Candidate {
  level: Level;
  modifier: '=' | '^~' | '~' | '~*' | '';
  pattern: string;
}

function candidates(parent: Level): Candidate[] {
  return childLevels(parent)
    .filter((l) => l.kind === 'location')
    .flatMap((level) => {
      const args = level.args;
      const [first, second] = [args[0] ?? '', args.slice(1).join(' ')];
      if (first.startsWith('@')) return [];
      if (['=', '^~', '~', '~*'].includes(first))
        return [{ level, modifier: first as Candidate['modifier'], pattern: second }];
      // `location =/x` and `location ~\.php$` without a space are valid nginx too.
      const glued = /^(=|\^~|~\*|~)(.+)$/.exec(first);
      if (glued) return [{ level, modifier: glued[1] as Candidate['modifier'], pattern: glued[2] }];
      return [{ level, modifier: '', pattern: args.join(' ') }];
    });
}

function regexMatches(c: Candidate, uri: string): boolean {
  try {
    // PCRE and JavaScript agree on the syntax nginx configurations use; named groups differ only in (?P<…>).
    return new RegExp(c.pattern.replaceAll('(?P<', '(?<'), c.modifier === '~*' ? 'i' : '').test(uri);
  } catch (err) {
    throw new LocationRegexError(c.level.label, err);
  }
}

/**
 * The location levels chosen for `uri` below `parent`, outermost first ([] when none matches:
 * the server level itself handles it).
 * @example selectLocation(server.level, '/wp-login.php').at(-1)?.label // 'location = /wp-login.php'
 */
export function selectLocation(parent: Level, uri: string, depth = 0): Level[] {
  if (depth > 16) return [];
  const all = candidates(parent);
  const exact = all.find((c) => c.modifier === '=' && c.pattern === uri);
  if (exact) return [exact.level];
  const prefix = all
    .filter((c) => (c.modifier === '' || c.modifier === '^~') && uri.startsWith(c.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
  if (prefix) {
    const inner = selectLocation(prefix.level, uri, depth + 1);
    if (inner.length) return [prefix.level, ...inner];
    if (prefix.modifier === '^~') return [prefix.level];
  }
  for (const c of all) {
    if ((c.modifier === '~' || c.modifier === '~*') && regexMatches(c, uri)) {
      return [c.level, ...selectLocation(c.level, uri, depth + 1)];
    }
  }
  return prefix ? [prefix.level] : [];
}
