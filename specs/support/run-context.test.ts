import { describe, expect, it } from 'vitest';
import { pass } from '../../checks/probe.ts';
import type { AnyProbe } from '../../checks/registry.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import type { Target } from '../../policies/select.ts';

const target = { name: 'web' } as Target;
const ctx = () => labContext({ baseDir: '/', inventory: {}, probes: [] });
const probe = (run: AnyProbe['run'], deadlineMs = 50) =>
  ({ name: 'test.probe', target: 'host', deadlineMs, run }) as unknown as AnyProbe;

describe('RunContext.measure', () => {
  it('settles a probe that never answers at its deadline, as inconclusive', async () => {
    const started = performance.now();
    const result = await ctx().measure(
      probe(() => new Promise(() => {})),
      target,
      {},
    );
    expect(result.outcome).toBe('error');
    expect(result.message).toBe('test.probe did not finish within 50 ms on web');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('turns a probe that throws or rejects into an inconclusive result naming the cause', async () => {
    const thrown = await ctx().measure(
      probe(() => {
        throw new TypeError('bad params');
      }),
      target,
      {},
    );
    expect(thrown).toMatchObject({ outcome: 'error', message: 'test.probe crashed: bad params' });
    const rejected = await ctx().measure(
      probe(async () => Promise.reject(new Error('boom'))),
      target,
      {},
    );
    expect(rejected.message).toContain('test.probe crashed:');
    expect(rejected.message).toContain('boom');
  });

  it('shares one run between identical measurements in flight, and runs again once settled', async () => {
    let runs = 0;
    const counted = probe(async () => {
      runs++;
      return pass('ok', { observed: runs });
    }, 1000);
    const c = ctx();
    const params = { path: '/etc/passwd' };
    const [a, b] = await Promise.all([
      c.measure(counted, target, params),
      c.measure(counted, target, { ...params }),
    ]);
    expect(runs).toBe(1);
    expect(b).toBe(a);
    await c.measure(counted, target, params);
    expect(runs).toBe(2);
  });
});
