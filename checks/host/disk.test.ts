import { describe, expect, it } from 'vitest';
import { LocalTransport } from '../transport/local.ts';
import { disk, parseDf } from './disk.ts';

const local = new LocalTransport('local', { timeoutMs: 5000 });

describe('parseDf', () => {
  it('reads mounts with spaces and recomputes the percentage', () => {
    const text = [
      'Filesystem     1024-blocks      Used Available Capacity Mounted on',
      '/dev/vda         264212084  23786296  82604616      23% /',
      '/dev/vdb              1000       900       100      90% /mnt/my data',
    ].join('\n');
    expect(parseDf(text)).toEqual([
      { filesystem: '/dev/vda', sizeKb: 264212084, usedPercent: 22.4, mount: '/' },
      { filesystem: '/dev/vdb', sizeKb: 1000, usedPercent: 90, mount: '/mnt/my data' },
    ]);
  });
});

describe('host.disk on this machine', () => {
  it.each([
    [{ maxPercent: 100 }, 'pass'],
    [{ maxPercent: 100, mounts: ['/'] }, 'pass'],
    [{ maxPercent: 0, mounts: ['/'] }, 'fail'],
  ])('%j → %s', async (params, outcome) => {
    const r = await disk(local, params);
    // Unscoped, other tests' mounts come and go: only / is certain.
    if ('mounts' in params) expect(r.outcome).toBe(outcome);
    const root = r.subjects?.find((s) => s.subject === '/');
    expect(root?.outcome).toBe(outcome);
    expect(root?.message).toMatch(/^\/ is [\d.]+% full/);
  });

  it('judges each mount on its own: a configured mount that does not exist is an error of its own', async () => {
    const r = await disk(local, { mounts: ['/', '/no/such/mount'] });
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['/', 'pass'],
      ['/no/such/mount', 'error'],
    ]);
    expect(r.subjects?.[1].message).toMatch(/df cannot read it: No such file or directory/);
    expect(r.outcome).toBe('error');
  });
});
