/**
 * sshd_config read the way sshd reads it, for when `sshd -T` cannot run (no root): keywords are
 * case-insensitive, the first value of a keyword wins (a few list keywords accumulate), `Include`
 * expands globs relative to /etc/ssh in order, and Match blocks apply only to the connections
 * they match. The global settings (what `sshd -T` prints without -C) are the lines outside Match
 * blocks, overridden by `Match all` blocks; values in other Match blocks are reported as
 * conditional, never as the global setting. Checked against the real `sshd -T` in sshd.test.ts.
 */
import { ReadError } from './read.ts';

/** How the parser reaches files: on the host, through its command transport. */
export interface ConfigReader {
  /** The file's text; throws (ReadError) when it cannot be read. */
  read(path: string): Promise<string>;
  /** Paths matching a glob, sorted; [] for no match; throws when a directory cannot be listed. */
  glob(pattern: string): Promise<string[]>;
}

export interface Setting {
  value: string;
  /** `file:line`. */
  at: string;
}

export interface ConditionalSetting extends Setting {
  /** The Match criteria, e.g. `User backup`. */
  match: string;
}

export interface SshdFileConfig {
  /** Global effective values by lower-case keyword (list keywords joined with `,`, like parseSshdT). */
  settings: Record<string, Setting>;
  /** Values that apply only inside Match blocks. */
  conditional: Record<string, ConditionalSetting[]>;
  /** Every file read, in order. */
  files: string[];
}

/** Keywords whose lines add to a list instead of the first one winning (servconf.c). */
const ACCUMULATE = new Set([
  'port',
  'listenaddress',
  'hostkey',
  'hostcertificate',
  'acceptenv',
  'allowusers',
  'denyusers',
  'allowgroups',
  'denygroups',
  'subsystem',
]);

/** Old names sshd still accepts, under the name `sshd -T` prints. */
const ALIASES: Record<string, string> = {
  challengeresponseauthentication: 'kbdinteractiveauthentication',
  pubkeyacceptedkeytypes: 'pubkeyacceptedalgorithms',
  hostbasedacceptedkeytypes: 'hostbasedacceptedalgorithms',
  skeyauthentication: 'kbdinteractiveauthentication',
};

const MAX_DEPTH = 16;
const MAX_FILES = 256;

/** Splits a config line into words as sshd does: whitespace, double quotes, `#` ending the line. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length || line[i] === '#') break;
    let word = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
        word += line[i++];
      }
      i++;
    } else {
      while (i < line.length && !/\s/.test(line[i])) word += line[i++];
    }
    words.push(word);
  }
  return words;
}

/** `Keyword=value`, `Keyword value`, `Keyword = value` → [keyword, args]. */
function keywordAndArgs(line: string): [string, string[]] | undefined {
  const m = /^\s*([A-Za-z0-9]+)\s*(?:=\s*|\s+|$)(.*)$/.exec(line);
  if (!m || line.trim().startsWith('#')) return undefined;
  return [m[1].toLowerCase(), splitWords(m[2])];
}

type Context = 'global' | 'match-all' | 'match-other';

/**
 * Reads the configuration starting at `main`, following Include.
 * @example await readSshdConfig('/etc/ssh/sshd_config', reader) // { settings: { passwordauthentication: { value: 'no', at: '…:12' } }, … }
 */
export async function readSshdConfig(main: string, reader: ConfigReader): Promise<SshdFileConfig> {
  const global = new Map<string, Setting>();
  const matchAll = new Map<string, Setting>();
  const conditional: Record<string, ConditionalSetting[]> = {};
  const files: string[] = [];

  const set = (into: Map<string, Setting>, key: string, args: string[], at: string) => {
    const value = ACCUMULATE.has(key) && key !== 'subsystem' ? args.join(',') : args.join(' ');
    const had = into.get(key);
    if (!had) into.set(key, { value, at });
    else if (ACCUMULATE.has(key)) into.set(key, { value: `${had.value},${value}`, at: `${had.at}, ${at}` });
  };

  const parse = async (
    path: string,
    inherited: Context,
    inheritedMatch: string,
    never: boolean,
    depth: number,
  ): Promise<void> => {
    if (depth > MAX_DEPTH) throw new ReadError(`${path}: Include nested deeper than ${MAX_DEPTH}`);
    if (files.length >= MAX_FILES) throw new ReadError(`more than ${MAX_FILES} sshd configuration files`);
    files.push(path);
    const text = await reader.read(path);
    // A Match block in an included file ends with that file (as in sshd).
    let context = inherited;
    let match = inheritedMatch;
    const lines = text.split('\n');
    for (let n = 0; n < lines.length; n++) {
      const parsed = keywordAndArgs(lines[n]);
      if (!parsed) continue;
      const [rawKey, args] = parsed;
      const key = ALIASES[rawKey] ?? rawKey;
      const at = `${path}:${n + 1}`;
      if (key === 'match') {
        match = args.join(' ');
        context = !never && match.toLowerCase() === 'all' ? 'match-all' : 'match-other';
        continue;
      }
      if (key === 'include') {
        for (const pattern of args) {
          const full = pattern.startsWith('/') || pattern.startsWith('~') ? pattern : `/etc/ssh/${pattern}`;
          // An Include inside a Match that does not apply never applies, whatever it contains.
          const includeNever = never || context === 'match-other';
          for (const file of await reader.glob(full))
            await parse(file, context, match, includeNever, depth + 1);
        }
        continue;
      }
      if (context === 'global') set(global, key, args, at);
      else if (context === 'match-all') set(matchAll, key, args, at);
      else conditional[key] = [...(conditional[key] ?? []), { value: args.join(' '), at, match }];
    }
  };

  await parse(main, 'global', '', false, 0);
  const settings: Record<string, Setting> = {};
  for (const [key, s] of global) settings[key] = s;
  for (const [key, s] of matchAll) settings[key] = s;
  for (const [key, s] of Object.entries(settings)) settings[key] = { ...s, value: normalise(key, s.value) };
  return { settings, conditional, files };
}

/** Values as `sshd -T` prints them: flags in lower case, prohibit-password under its old name. */
export function normalise(key: string, value: string): string {
  const lower = value.toLowerCase();
  if (key === 'permitrootlogin' && lower === 'prohibit-password') return 'without-password';
  return /^(yes|no)$/.test(lower) ? lower : value;
}
