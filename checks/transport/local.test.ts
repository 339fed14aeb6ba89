import { describe, expect, it } from 'vitest';
import { sh } from './command.ts';
import { LocalTransport } from './local.ts';

const local = new LocalTransport('local', { timeoutMs: 2000 });

describe('LocalTransport', () => {
  it('returns stdout, stderr and the exit code without throwing on non-zero exits', async () => {
    const r = await local.run(sh`sh -c ${'echo out; echo err >&2; exit 3'}`);
    expect(r).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('passes a hostile argument as one inert word', async () => {
    const r = await local.run(sh`printf %s ${'$(echo pwned); echo `id`'}`);
    expect(r.stdout).toBe('$(echo pwned); echo `id`');
  });

  it('feeds stdin to the command and keeps it out of the script', async () => {
    const r = await local.run(sh`sh -c ${'IFS= read -r SECRET; printf %s "$SECRET" | wc -c'}`, {
      stdin: 's3cr3t pw\n',
    });
    expect(r.stdout.trim()).toBe('9');
  });

  it('kills a command that hangs past its timeout, children included', async () => {
    const started = Date.now();
    await expect(local.run(sh`sh -c ${'sleep 30 | cat'}`, { timeoutMs: 300 })).rejects.toThrow(
      /timed out after 300 ms/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
