/**
 * `nginx -T` prints every configuration file it read, each once, after a
 * `# configuration file PATH:` line; `include` directives stay in the text. This turns the dump
 * back into one tree with each include replaced by the directives of the files it names
 * (globs matched against the dumped files, in glob order, as nginx reads them).
 */
import { dirname, isAbsolute, join } from 'node:path';
import picomatch from 'picomatch';
import { ConfigParseError, type Directive, parseConfig } from './parse.ts';

const HEADER = /^# configuration file (.+):$/;

/** The dump's files, path → text, in the order printed. */
export function splitDump(stdout: string): Map<string, string> {
  const files = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) files.set(current, lines.join('\n'));
  };
  for (const line of stdout.split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      current = m[1];
      lines = [];
    } else if (current !== undefined) lines.push(line);
  }
  flush();
  return files;
}

/** Most includes nginx would follow before the dump counts as hostile (include loops). */
const MAX_INCLUDES = 10_000;

/**
 * The effective configuration: the main file's directives with includes inlined.
 * @example effectiveConfig(stdout, '/etc/nginx/nginx.conf').find((d) => d.name === 'http')
 */
export function effectiveConfig(stdout: string, mainFile: string): Directive[] {
  const files = splitDump(stdout);
  const main = files.has(mainFile) ? mainFile : [...files.keys()][0];
  if (main === undefined)
    throw new ConfigParseError('no "# configuration file" section in nginx -T output', mainFile, 1);
  const parsed = new Map<string, Directive[]>();
  const parsedFile = (path: string) => {
    let d = parsed.get(path);
    if (!d) {
      d = parseConfig(files.get(path) ?? '', path);
      parsed.set(path, d);
    }
    return d;
  };
  const prefix = dirname(main);
  let followed = 0;
  const inline = (directives: Directive[], depth: number): Directive[] =>
    directives.flatMap((d) => {
      if (d.name === 'include' && !d.block) {
        if (++followed > MAX_INCLUDES || depth > 32)
          throw new ConfigParseError('includes nested too deep (a loop?)', d.file, d.line);
        const pattern = isAbsolute(d.args[0] ?? '') ? d.args[0] : join(prefix, d.args[0] ?? '');
        const matched = /[*?[]/.test(pattern)
          ? [...files.keys()].filter((f) => picomatch.isMatch(f, pattern, { dot: true })).sort()
          : files.has(pattern)
            ? [pattern]
            : undefined;
        if (!matched)
          throw new ConfigParseError(
            `included file ${pattern} is not in the nginx -T output`,
            d.file,
            d.line,
          );
        return matched.flatMap((f) => inline(parsedFile(f), depth + 1));
      }
      return d.block ? [{ ...d, block: inline(d.block, depth) }] : [d];
    });
  return inline(parsedFile(main), 0);
}
