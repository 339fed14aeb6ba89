/**
 * The whole-run deadline: a check still running when the run's time is up settles as `error`
 * "run deadline reached" (its own deadline far away), a check asked for later is not started,
 * and the default deadline leaves room for every check to take its own deadline.
 */
import { describe, expect, it } from 'vitest';
import type { AnyProbe } from '../../checks/registry.ts';
import { ProbeRegistry } from '../../checks/registry.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import type { Target } from '../../policies/select.ts';
import { emptyInventory, type Policy } from '../../policies/types.ts';
import { derivedRunDeadlineMs } from './run-deadline.ts';

const target = { name: 'web' } as Target;
const hanging = (started: string[]) =>
  ({
    name: 'test.hang',
    target: 'host',
    deadlineMs: 600_000,
    run: () => {
      started.push('run');
      return new Promise(() => {});
    },
  }) as unknown as AnyProbe;

describe('the whole-run deadline', () => {
  it('settles a check in flight as error when the run deadline passes, and starts none after', async () => {
    const ctx = labContext({ baseDir: '/', inventory: {}, probes: [] });
    const started: string[] = [];
    const t0 = performance.now();
    ctx.startRunDeadline(Date.now() + 300);
    const result = await ctx.measure(hanging(started), target, {});
    expect(result.outcome).toBe('error');
    expect(result.message).toMatch(/^run deadline reached: test\.hang on web had not finished/);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    expect(performance.now() - t0).toBeLessThan(2000);
    const later = await ctx.measure(hanging(started), { name: 'db' } as Target, {});
    expect(later.message).toMatch(/^run deadline reached: test\.hang on db/);
    expect(started).toEqual(['run']);
  });

  it('derives a deadline from the checks, the concurrency and the longest check deadline', () => {
    const policy = {
      inventory: {
        ...emptyInventory(),
        hosts: Array.from({ length: 10 }, (_, i) => ({ name: `h${i}`, address: '127.0.0.1' })),
      },
      controls: [
        { id: 'A-B-001', check: 'x.quick', targets: 'all' },
        { id: 'A-B-002', check: 'x.slow', targets: 'all' },
      ],
    } as unknown as Policy;
    const probe = (name: string, deadlineMs?: number) =>
      ({ name, target: 'host', params: {}, deadlineMs, run: async () => ({}) }) as unknown as AnyProbe;
    const registry = new ProbeRegistry([probe('x.quick'), probe('x.slow', 120_000)]);
    // 20 checks, 8 at once: 3 waves of at most 120 s, plus a minute.
    expect(derivedRunDeadlineMs(policy, registry, { timeoutMs: 10_000, concurrency: 8 })).toBe(
      60_000 + 3 * 120_000,
    );
    expect(derivedRunDeadlineMs(policy, registry, { timeoutMs: 30_000, concurrency: 256 })).toBe(
      60_000 + 180_000,
    );
  });
});
