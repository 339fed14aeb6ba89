// The shipped docker-stack example's container claims: they load (the loader resolves each
// fact's check, field and selector against the example's inventory) and they evaluate. The
// example's hosts are placeholders nobody can reach, so docker.containers is played by a
// stand-in that reports the per-state counts the real probe puts at the top of its evidence.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadOptions, loadPolicy } from '../../policies/load.ts';
import type { Policy } from '../../policies/types.ts';
import { RunContext } from '../../specs/support/run-context.ts';
import type { RunOptions } from '../context.ts';
import { notApplicable, pass } from '../probe.ts';
import { defineProbe, ProbeRegistry } from '../registry.ts';
import { docsProbes } from './probes.ts';

const example = join(import.meta.dirname, '../../policies/examples/docker-stack');
const claim = docsProbes.find((p) => p.name === 'docs.claim')!;

function context(policy: Policy, counts: Record<string, { total: number; running: number }>): RunContext {
  const containers = defineProbe({
    name: 'docker.containers',
    summary: 'stand-in',
    target: 'host',
    params: { type: 'object' },
    run: async (_ctx, host) => {
      const c = counts[host.name];
      // What the real probe answers for a host without a Docker endpoint.
      if (!c) return notApplicable(`${host.name}: no docker endpoint in the inventory`, { host: host.name });
      return pass(`${host.name}: ${c.running} running`, { ...c, exited: c.total - c.running, dead: 0 });
    },
  });
  const options: RunOptions = {
    timeoutMs: 5000,
    active: false,
    now: new Date('2026-11-23T12:00:00Z'),
    reportsDir: join(example, 'reports'),
    concurrency: 4,
  };
  return new RunContext(policy, options, new ProbeRegistry([...docsProbes, containers]));
}

async function evaluate(counts: Record<string, { total: number; running: number }>, widen = false) {
  // The example names secrets (tokens, a restic password) that do not exist here; its claims need none.
  const policy = await loadPolicy(example, { today: '2026-11-23', secrets: 'optional' } as LoadOptions);
  if (widen) {
    // A bastion without Docker, and both claims widened to every host.
    policy.inventory.hosts.push({ name: 'bastion', address: '127.0.0.1' });
    for (const c of policy.controls.filter((x) => x.id.startsWith('DOC-CNT-'))) {
      const fact = (c.params as { fact: Record<string, unknown> }).fact;
      if ('each' in fact) fact.each = 'all';
      else fact.over = 'all';
    }
  }
  const ctx = context(policy, counts);
  const doc = policy.inventory.documents.find((d) => d.name === 'platform')!;
  const run = (id: string) => {
    const control = policy.controls.find((c) => c.id === id)!;
    expect(control.check).toBe('docs.claim');
    return claim.run(ctx, doc, control.params as never);
  };
  return { perHost: await run('DOC-CNT-001'), estate: await run('DOC-CNT-002') };
}

describe('the docker-stack example claims', () => {
  it('compare each host row with its total and the platform figure with the sum over the group', async () => {
    const { perHost, estate } = await evaluate({
      master: { total: 38, running: 38 },
      lady: { total: 22, running: 21 },
    });
    expect(perHost.outcome, perHost.message).toBe('pass');
    expect(perHost.subjects?.map((s) => [s.subject, s.outcome, s.evidence.expected])).toEqual([
      ['master', 'pass', 38],
      ['lady', 'pass', 22],
    ]);
    expect(estate).toMatchObject({
      outcome: 'pass',
      evidence: { observed: '60', expected: 60, parts: { master: 38, lady: 22 } },
    });
  });

  it('fail on the host whose count drifted, and only on it', async () => {
    const { perHost, estate } = await evaluate({
      master: { total: 38, running: 38 },
      lady: { total: 23, running: 21 },
    });
    expect(perHost.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['master', 'pass'],
      ['lady', 'fail'],
    ]);
    expect(estate).toMatchObject({ outcome: 'fail', evidence: { observed: '60', expected: 61 } });
  });

  it('leave out a host the check does not apply to: not-applicable for it, outside the sum', async () => {
    const { perHost, estate } = await evaluate(
      { master: { total: 38, running: 38 }, lady: { total: 22, running: 21 } },
      true,
    );
    expect(perHost.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['master', 'pass'],
      ['lady', 'pass'],
      ['bastion', 'not-applicable'],
    ]);
    expect(estate).toMatchObject({
      outcome: 'pass',
      evidence: { expected: 60, parts: { master: 38, lady: 22 }, skipped: ['bastion'] },
    });
  });
});
