import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type CommandResult, sh, unique } from './command.ts';
import { BatchStream, buildBatch, coalesce, mergeable, splitBatchScript } from './ssh-batch.ts';

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

describe('coalescing identical commands', () => {
  const queued = (command: ReturnType<typeof sh>, got: string[]) => ({
    command,
    sudo: false,
    timeoutMs: 1000,
    resolve: (r: CommandResult) => got.push(r.stdout),
    reject: () => {},
  });
  const answer = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '', durationMs: 1 });

  it('runs identical reads once and gives each caller its own copy', () => {
    const got: string[] = [];
    const items = [
      queued(sh`cat /proc/meminfo`, got),
      queued(sh`cat /proc/meminfo`, got),
      queued(sh`nproc`, got),
    ];
    const runs = coalesce(items);
    expect(runs.map((r) => r.command.script)).toEqual(['cat /proc/meminfo', 'nproc']);
    runs[0].resolve(answer('mem'));
    expect(got).toEqual(['mem', 'mem']);
  });

  it.each([
    ['a command marked unique', unique(sh`ls ${'/srv/scratch'}`)],
    ['mktemp, even unmarked', sh`mktemp -d -t ${'readyspec-restore.XXXXXX'}`],
    ['the clock', sh`date +%s`],
    ['the uptime', sh`cat /proc/uptime`],
    ['randomness', sh`head -c 8 /dev/urandom`],
    ['the shell pid', sh`echo $$`],
  ])('never merges %s', (_what, command) => {
    const got: string[] = [];
    expect(mergeable(command)).toBe(false);
    const runs = coalesce([queued(command, got), queued(command, got)]);
    expect(runs).toHaveLength(2);
    runs[0].resolve(answer('first'));
    runs[1].resolve(answer('second'));
    expect(got).toEqual(['first', 'second']);
  });
});
