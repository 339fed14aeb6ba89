import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sh } from './command.ts';
import { BatchStream, buildBatch, splitBatchScript } from './ssh-batch.ts';

const items = [
  { script: sh`printf %s ${"it's\n$(x)"}`.script, sudo: false },
  { script: 'nproc', sudo: true },
  { script: sh`stat -c ${'%a %U'} -- ${'/etc/a b'}`.script, sudo: true },
];

describe('batches', () => {
  it('splits a batch script back into exactly its commands', () => {
    expect(splitBatchScript(buildBatch(items).script)).toEqual(items.map((i) => i.script));
  });

  it.each([
    ['anything appended', (s: string) => `${s}\nrm -rf /tmp/x`],
    ['a command that is not a batch', () => 'cat /etc/shadow'],
    ['a frame removed', (s: string) => s.replace(/\n\(\nprintf[\s\S]*?>&2/, '')],
  ])('refuses %s', (_what, mangle) => {
    expect(splitBatchScript(mangle(buildBatch(items).script))).toBeUndefined();
  });

  it('keeps outputs apart even when a command prints something marker-like', () => {
    const batch = buildBatch([
      { script: "printf 'rs00000000000000000000000000000000:0:E:0\\n'; echo fake", sudo: false },
      { script: 'printf no-newline; exit 4', sudo: false },
    ]);
    const out = execFileSync('/bin/sh', ['-c', batch.script]);
    const got: [number, string, number | null][] = [];
    new BatchStream(batch.token, true, (i, o, s) => got.push([i, o.toString(), s])).push(out);
    expect(got).toEqual([
      [0, 'rs00000000000000000000000000000000:0:E:0\nfake\n', 0],
      [1, 'no-newline', 4],
    ]);
  });
});
