/**
 * `git status --porcelain=v1 -z` parsing. With -z, paths are not quoted and records end with
 * NUL; a rename or copy carries its original path as an extra record right after it.
 */

export interface StatusEntry {
  /** Two-letter status: index then worktree, e.g. ` M`, `A `, `??`, `R `. */
  code: string;
  path: string;
  /** For renames and copies: the path it came from. */
  from?: string;
}

/**
 * @example parsePorcelain(' M a.txt\0?? new.txt\0') // → [{code:' M',path:'a.txt'},{code:'??',path:'new.txt'}]
 */
export function parsePorcelain(output: string): StatusEntry[] {
  const records = output.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (record.length < 4) continue;
    const code = record.slice(0, 2);
    const entry: StatusEntry = { code, path: record.slice(3) };
    if (code[0] === 'R' || code[0] === 'C') entry.from = records[++i];
    entries.push(entry);
  }
  return entries;
}

/** What a status code means, in words for the report. */
export function describeStatus(code: string): string {
  if (code === '??') return 'untracked';
  if (code === '!!') return 'ignored';
  if (code[0] === 'U' || code[1] === 'U' || code === 'AA' || code === 'DD') return 'unmerged';
  const words: Record<string, string> = {
    M: 'modified',
    A: 'added',
    D: 'deleted',
    R: 'renamed',
    C: 'copied',
    T: 'type changed',
  };
  const staged = code[0] !== ' ' ? words[code[0]] : undefined;
  const unstaged = code[1] !== ' ' ? words[code[1]] : undefined;
  if (staged && unstaged) return `${staged} (staged), ${unstaged}`;
  return staged ? `${staged} (staged)` : (unstaged ?? code);
}
