import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from './writer.ts';

describe('writeAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-writer-'));

  it('creates missing directories and leaves no temp file', async () => {
    const path = join(dir, 'a', 'b', 'doc.md');
    await writeAtomic(path, '# hello\n');
    expect(readFileSync(path, 'utf8')).toBe('# hello\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['doc.md']);
  });

  it('replaces a file whole: a reader sees the old or the new content, never a mix', async () => {
    const path = join(dir, 'big.md');
    const oldText = 'old\n'.repeat(200_000);
    const newText = 'new\n'.repeat(200_000);
    writeFileSync(path, oldText);
    const seen = new Set<string>();
    let done = false;
    const reader = (async () => {
      while (!done) {
        const t = readFileSync(path, 'utf8');
        seen.add(t === oldText ? 'old' : t === newText ? 'new' : 'torn');
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 5; i++) await writeAtomic(path, i % 2 ? oldText : newText);
    done = true;
    await reader;
    expect(seen.has('torn')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe(newText);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes chunks in order, and a generator that throws leaves the old file in place', async () => {
    const path = join(dir, 'chunks.json');
    await writeAtomic(path, ['[', '1,', '2', ']\n']);
    expect(readFileSync(path, 'utf8')).toBe('[1,2]\n');
    function* broken(): Generator<string> {
      yield 'half';
      throw new Error('rendering failed');
    }
    await expect(writeAtomic(path, broken())).rejects.toThrow(
      `cannot write report ${path}: rendering failed`,
    );
    expect(readFileSync(path, 'utf8')).toBe('[1,2]\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with the path in the message and cleans its temp file', async () => {
    // A directory that exists as the target cannot be replaced by rename.
    const target = join(dir, 'as-dir');
    await writeAtomic(join(target, 'inner.md'), 'x');
    await expect(writeAtomic(target, 'y')).rejects.toThrow(`cannot write report ${target}`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
