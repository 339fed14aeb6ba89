/** Splits a command's arguments: flags it knows, positionals, and what follows `--`. */

/** A mistake on the command line: the usage text and exit 2. */
export class UsageError extends Error {}

export interface Parsed {
  flags: Set<string>;
  /** Repeatable flags with a value (`--pack a --pack b`). */
  values: Map<string, string[]>;
  positionals: string[];
  passthrough: string[];
}

export function parseArgs(
  argv: string[],
  known: { flags?: string[]; values?: string[] },
  maxPositionals: number,
): Parsed {
  const parsed: Parsed = { flags: new Set(), values: new Map(), positionals: [], passthrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      parsed.passthrough = argv.slice(i + 1);
      break;
    }
    const [name, inline] = a.startsWith('--')
      ? (a.split(/=(.*)/s, 2) as [string, string | undefined])
      : [a, undefined];
    if (known.flags?.includes(name)) parsed.flags.add(name);
    else if (known.values?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else parsed.positionals.push(a);
  }
  if (parsed.positionals.length > maxPositionals)
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  return parsed;
}
