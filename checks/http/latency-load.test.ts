/**
 * The proof that http.latency measures the target, not the audit: seven fast nginx vhosts
 * (answering in well under 10 ms) are audited ten times while the same process runs a heavy
 * audit of its own: thousands of HTTP requests to loopback, TLS handshakes, SSH commands, and
 * an event loop blocked in 50 ms slices (what parsing and grading do to the engine's thread).
 * Zero latency failures are allowed; a vhost slower than twice the budget fails every round.
 * In each round the engine's thread is also stuck in one task longer than the p95 budget while
 * the fast vhosts are sampled; a control arm timing a request on that loop, as http.latency
 * used to, reads it as slower than the budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type RunningNginx, startNginx } from '../../fixtures/lab/nginx.ts';
import { createCa, issueCertificate } from '../../fixtures/lab/pki.ts';
import { type LabServer, startSlowServer } from '../../fixtures/lab/servers.ts';
import { type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { EndpointEntry } from '../../policies/types.ts';
import { sh } from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { HttpPool, httpTransport } from '../transport/http-pool.ts';
import { NodeTlsTransport } from '../transport/tls.ts';
import { httpProbes } from './probes.ts';

const FAST_VHOSTS = 7;
const ROUNDS = 10;
const BUDGET = { samples: 5, p50Ms: 100, p95Ms: 300 };
const SLOW_DELAY_MS = 700; // ≥ 2 × the p95 budget
const LOAD = { http: 1000, tls: 60, ssh: 30, blockMs: 30, gapMs: 10 };

let nginx: RunningNginx;
let slow: LabServer;
let ssh: SshLab;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  const ca = await createCa();
  const cert = await issueCertificate(ca, { names: ['127.0.0.1'] });
  [slow, ssh] = await Promise.all([
    startSlowServer(SLOW_DELAY_MS),
    startSshLab({ hosts: [{ name: 'busy', address: '127.0.0.41' }], prefix: 'latency-load' }),
  ]);
  const fast = Array.from({ length: FAST_VHOSTS }, (_, i) => ({
    serverName: `site${i}.lab.test`,
    locations: [{ match: '/', directives: [`return 200 site${i}`] }],
  }));
  nginx = await startNginx({
    workerProcesses: 2,
    servers: [
      ...fast,
      { serverName: 'slow.lab.test', locations: [{ match: '/', directives: [`proxy_pass ${slow.url}`] }] },
      {
        tls: { cert: cert.chain, key: cert.key },
        locations: [{ match: '/', directives: ['return 200 tls'] }],
      },
    ],
  });
  ctx = labContext({
    baseDir: ssh.dir,
    inventory: { hosts: ssh.entries() },
    probes: httpProbes,
    options: { concurrency: 256 },
  });
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await Promise.all([nginx?.stop(), slow?.close(), ssh?.stop()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {} // the engine's thread, busy parsing and grading
};
// The control arm: a request timed on the engine's own loop, as http.latency used to.
const loopTimed = new HttpPool({ timeoutMs: 10_000 });
afterAll(() => loopTimed.close());

/** While the worker samples, the engine's thread is stuck in one long task; a loop-timed request spans it. */
async function stallTheLoop(url: string): Promise<number> {
  await sleep(5); // the sampling jobs have been posted to the worker by now
  const pending = loopTimed.request({ url });
  block(BUDGET.p95Ms + 100);
  return (await pending).durationMs;
}

/** The audit's own load; resolves with the worst request time the busy loop itself saw. */
async function heavyAudit(): Promise<{ worstLoopTimedMs: number }> {
  const http = httpTransport(ctx);
  const tls = new NodeTlsTransport(10_000);
  const host = commandTransport(ctx, ctx.policy.inventory.hosts[0]);
  const fastUrls = Array.from({ length: FAST_VHOSTS }, (_, i) => nginx.url('/', i));
  const tlsPort = nginx.servers[FAST_VHOSTS + 1].port;
  let busy = true;
  let worstLoopTimedMs = 0;
  const blocker = (async () => {
    while (busy) {
      block(LOAD.blockMs);
      await sleep(LOAD.gapMs);
    }
  })();
  const requests = Array.from({ length: LOAD.http }, (_, i) =>
    http.request({ url: fastUrls[i % FAST_VHOSTS] }).then((res) => {
      worstLoopTimedMs = Math.max(worstLoopTimedMs, res.durationMs);
    }),
  );
  const handshakes = Array.from({ length: LOAD.tls }, () =>
    tls.connect({ host: '127.0.0.1', port: tlsPort }),
  );
  const commands = Array.from({ length: LOAD.ssh }, (_, i) => host.run(sh`echo ${i}; cat /proc/loadavg`));
  try {
    await Promise.all([...requests, ...handshakes, ...commands]);
  } finally {
    busy = false;
    await blocker;
  }
  return { worstLoopTimedMs };
}

const endpoint = (name: string, url: string): EndpointEntry => ({ name, url });

describe('http.latency under a heavy audit in the same process', () => {
  it(`${FAST_VHOSTS} fast vhosts pass ${ROUNDS} rounds out of ${ROUNDS}; a vhost at 2× the budget fails every round`, async () => {
    const probe = httpProbes.find((p) => p.name === 'http.latency')!;
    const outcomes: string[] = [];
    const slowOutcomes: string[] = [];
    const measured: number[] = [];
    let retaken = 0;
    let worstLoopTimedMs = 0;
    const roundMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const roundStart = performance.now();
      const load = heavyAudit();
      let loadDone = false;
      void load.then(() => {
        loadDone = true;
      });
      await sleep(LOAD.blockMs * 2); // the audit is in full flight before anything is measured
      const checks = Array.from({ length: FAST_VHOSTS }, (_, i) =>
        probe.run(ctx, endpoint(`site${i}`, nginx.url('/', i)), BUDGET),
      );
      const slowCheck = probe.run(ctx, endpoint('slow', nginx.url('/', FAST_VHOSTS)), BUDGET);
      const stalled = await stallTheLoop(nginx.url('/', 0));
      worstLoopTimedMs = Math.max(worstLoopTimedMs, stalled);
      const fast = await Promise.all(checks);
      // Measured while the load ran, not after it.
      expect(loadDone, `round ${round}: the load ended before the fast vhosts were measured`).toBe(false);
      const slowResult = await slowCheck;
      worstLoopTimedMs = Math.max(worstLoopTimedMs, (await load).worstLoopTimedMs);
      for (const r of fast) {
        const method = /^worker, warm keep-alive, 5 samples/.test(String(r.evidence.method));
        outcomes.push(r.outcome === 'pass' && method ? 'pass' : `${r.outcome}: ${r.message}`);
        measured.push(...(r.evidence.samples as number[]));
        retaken += ((r.evidence.disturbed as unknown[]) ?? []).length;
      }
      roundMs.push(Math.round(performance.now() - roundStart));
      slowOutcomes.push(
        slowResult.outcome === 'fail' ? 'fail' : `${slowResult.outcome}: ${slowResult.message}`,
      );
    }
    expect(outcomes.filter((o) => o !== 'pass')).toEqual([]);
    expect(outcomes).toHaveLength(FAST_VHOSTS * ROUNDS);
    expect(slowOutcomes).toEqual(Array(ROUNDS).fill('fail'));
    // The load fools a timer on the busy loop (the old http.latency) past the p95 budget …
    expect(worstLoopTimedMs).toBeGreaterThan(BUDGET.p95Ms);
    // … while the worker measured the target: its median sample is well inside the budget.
    measured.sort((a, b) => a - b);
    const median = measured[Math.floor(measured.length / 2)];
    console.log(
      `latency-load: ${outcomes.length} fast checks passed, slow failed ${ROUNDS}/${ROUNDS}; worker samples median ${median} ms, max ${measured.at(-1)} ms, ${retaken} retaken; busy-loop timing max ${worstLoopTimedMs} ms; rounds ${roundMs.join(' ')} ms`,
    );
    expect(median).toBeLessThan(BUDGET.p50Ms / 2);
  }, 50_000);
});
