/**
 * Outcome audit of every docker probe: whatever could not be read is `error` naming the cause,
 * never `fail` and never `pass`. Faults are real: a real engine behind a socket that refuses
 * (403), never answers, or answers with a body cut short or a field missing; the engine's own
 * socket opened by a user it does not admit (EACCES); the engine stopped.
 */

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { probeAsUser } from '../../fixtures/lab/docker-as-user.ts';
import { type Fault, type FaultProxy, inspectOf, startFaultProxy } from '../../fixtures/lab/docker-faults.ts';
import { type FiveContainers, startFiveContainers } from '../../fixtures/lab/docker-five.ts';
import { ensureLabUser, LAB_USER } from '../../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import type { AnyProbe } from '../registry.ts';
import { dockerProbes } from './probes.ts';

let five: FiveContainers;
let proxy: FaultProxy;
let baseline: Record<string, ProbeResult>;

const ENGINE = (dockerProbes as AnyProbe[]).filter((p) => p.name.startsWith('docker.'));
const PARAMS: Record<string, Record<string, unknown>> = { 'docker.restarts': { max: 5 } };
const TIMEOUT_MS = 1_500;

beforeAll(async () => {
  ensureLabUser();
  five = await startFiveContainers('faults', 238);
  proxy = await startFaultProxy(five.dir, 'faults', five.engine.socket);
  baseline = await auditThrough({ kind: 'forward' });
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await five?.stop();
});

/** Every engine probe through the fault proxy, in a fresh run (the snapshot is per run). */
async function auditThrough(fault: Fault): Promise<Record<string, ProbeResult>> {
  proxy.set(fault);
  const host: HostEntry = { name: 'faulty', transport: 'local', docker: { socket: proxy.socket } };
  const ctx = labContext({
    baseDir: five.dir,
    inventory: { hosts: [host] },
    probes: dockerProbes,
    options: { timeoutMs: TIMEOUT_MS },
  });
  try {
    const results = await Promise.all(ENGINE.map((p) => p.run(ctx, host, PARAMS[p.name] ?? {})));
    return Object.fromEntries(ENGINE.map((p, i) => [p.name, results[i]]));
  } finally {
    proxy.set({ kind: 'forward' });
    await ctx.close();
  }
}

const verdicts = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));

function expectCollectionError(results: Record<string, ProbeResult>, cause: RegExp) {
  for (const [name, r] of Object.entries(results)) {
    expect(r.outcome, `${name}: ${r.message}`).toBe('error');
    expect(r.subjects, name).toBeUndefined();
    expect(r.message, name).toMatch(cause);
  }
}

describe('the collection cannot be read: one error per probe, no subject', () => {
  const cut = (path: string, body: Buffer) =>
    path.startsWith('/containers/json') ? body.subarray(0, body.length / 2) : body;
  const replace = (text: string) => (path: string, body: Buffer) =>
    path.startsWith('/containers/json') ? Buffer.from(text) : body;
  it.each<[string, Fault, RegExp]>([
    [
      'an authorization proxy refuses (403)',
      { kind: 'status', status: 403, message: 'permission denied: containers are not allowed' },
      /^faulty: docker list containers via unix:\/\/.*faults\.sock: .*403.*permission denied/,
    ],
    ['the engine never answers (timeout)', { kind: 'hang' }, new RegExp(`no answer after ${TIMEOUT_MS} ms`)],
    [
      'the container list is cut short',
      { kind: 'rewrite', rewrite: cut },
      /the answer is not a container list \(got /,
    ],
    [
      'the answer is not JSON',
      { kind: 'rewrite', rewrite: replace('<html>bad gateway</html>') },
      /not a container list \(got <html>/,
    ],
    [
      'the answer is JSON but no list',
      { kind: 'rewrite', rewrite: replace('{"message":"ok"}') },
      /not a container list/,
    ],
    [
      'the list names no ids',
      { kind: 'rewrite', rewrite: replace('[{"Names":["/x"]}]') },
      /not a container list/,
    ],
  ])('%s', async (_, fault, cause) => {
    expectCollectionError(await auditThrough(fault), cause);
  });
});

/** What each probe says about `web` when only web's inspect answer is faulty; null: as in the baseline. */
type WebVerdicts = Record<string, { outcome: 'error'; message: RegExp } | null>;

describe("one container's inspect answer is unusable: that container is error, the others judged as before", () => {
  const all = (message: RegExp): WebVerdicts =>
    Object.fromEntries(ENGINE.map((p) => [p.name, { outcome: 'error', message }]));
  it.each<
    [string, (a: Record<string, unknown>, raw: Buffer) => Buffer | Record<string, unknown>, WebVerdicts]
  >([
    [
      'the answer is cut short',
      (_a, raw) => raw.subarray(0, 120),
      all(/^web: the engine's inspect answer is unusable: the answer is not JSON \(got \{|state of web \(/),
    ],
    [
      'State is missing',
      (a) => ({ ...a, State: undefined }),
      {
        ...all(/web: the engine's inspect answer has no usable State\.|state of web/),
        'docker.restarts': null,
        'docker.privileged': null,
      },
    ],
    [
      'HostConfig.Privileged is not a boolean',
      (a) => ({ ...a, HostConfig: { ...(a.HostConfig as object), Privileged: 'yes' } }),
      { 'docker.privileged': { outcome: 'error', message: /^web: .*no usable HostConfig\.Privileged$/ } },
    ],
    [
      'the port map is not a map',
      (a) => ({ ...a, NetworkSettings: { ...(a.NetworkSettings as object), Ports: 'lots' } }),
      { 'docker.ports': { outcome: 'error', message: /^web: .*no usable NetworkSettings\.Ports$/ } },
    ],
    [
      'Memory is a string',
      (a) => ({ ...a, HostConfig: { ...(a.HostConfig as object), Memory: '32m' } }),
      { 'docker.limits': { outcome: 'error', message: /^web: .*no usable HostConfig\.Memory$/ } },
    ],
  ])('%s', async (_, change, expected) => {
    const results = await auditThrough({ kind: 'rewrite', rewrite: inspectOf('web', change) });
    for (const p of ENGINE) {
      const r = results[p.name];
      const want = expected[p.name] ?? null;
      if (p.name === 'docker.containers') {
        if (want) {
          expect(r.outcome, r.message).toBe('error');
          expect(r.message).toMatch(want.message);
        } else expect(r.outcome).toBe(baseline[p.name].outcome);
        continue;
      }
      const web = r.subjects?.find((s) => s.subject === 'web');
      const before = baseline[p.name].subjects?.find((s) => s.subject === 'web');
      if (want) {
        expect(web?.outcome, `${p.name}: ${web?.message}`).toBe('error');
        expect(web?.message, p.name).toMatch(want.message);
      } else expect(web?.outcome, p.name).toBe(before?.outcome);
      const others = (v: Record<string, string>) =>
        Object.fromEntries(Object.entries(v).filter(([n]) => n !== 'web'));
      expect(others(verdicts(r)), p.name).toEqual(others(verdicts(baseline[p.name])));
    }
  });
});

describe('real faults of the engine itself', () => {
  it('is an error naming EACCES when the user may not open the engine socket', async () => {
    for (let d = dirname(five.engine.socket); d.startsWith(five.dir); d = dirname(d)) chmodSync(d, 0o755);
    chmodSync(five.dir, 0o755);
    chmodSync(five.engine.socket, 0o660);
    const results = await probeAsUser(
      LAB_USER,
      five.engine.socket,
      ENGINE.map((p) => p.name),
      PARAMS,
    );
    expect(Object.keys(results).sort()).toEqual(ENGINE.map((p) => p.name).sort());
    expectCollectionError(results, /^guarded: docker list containers via unix:\/\/.*docker\.sock: .*EACCES/);
  }, 90_000);

  it('compose.ports: a file that blocks (a FIFO) is an error after the timeout, a non-compose document is an error', async () => {
    const fifo = join(five.dir, 'compose-fifo.yml');
    execFileSync('mkfifo', [fifo]);
    const list = join(five.dir, 'list-compose.yml');
    writeFileSync(list, 'services:\n  - web\n');
    const dir = join(five.dir, 'a-directory.yml');
    mkdirSync(dir);
    const host: HostEntry = { name: 'files', transport: 'local' };
    const ctx = labContext({
      baseDir: five.dir,
      inventory: { hosts: [host] },
      probes: dockerProbes,
      options: { timeoutMs: TIMEOUT_MS },
    });
    const compose = dockerProbes.find((p) => p.name === 'compose.ports')!;
    try {
      const cases: [string, RegExp][] = [
        [fifo, /timed out|no answer|timeout/i],
        [
          list,
          /list-compose\.yml is not valid compose YAML: not a compose file: `services` is not a mapping/,
        ],
        [dir, /cannot read .*a-directory\.yml: .*Is a directory/],
      ];
      for (const [file, cause] of cases) {
        const r = await compose.run(ctx, host, { files: [file] });
        expect(r.outcome, r.message).toBe('error');
        expect(r.subjects).toBeUndefined();
        expect(r.message).toMatch(cause);
      }
    } finally {
      await ctx.close();
    }
  });

  it('is an error naming the refused connection when dockerd has stopped', async () => {
    await five.engine.stop();
    const host: HostEntry = { name: 'stopped', transport: 'local', docker: { socket: five.engine.socket } };
    const ctx = labContext({
      baseDir: five.dir,
      inventory: { hosts: [host] },
      probes: dockerProbes,
      options: { timeoutMs: TIMEOUT_MS },
    });
    const results = Object.fromEntries(
      await Promise.all(
        ENGINE.map(async (p) => [p.name, await p.run(ctx, host, PARAMS[p.name] ?? {})] as const),
      ),
    );
    await ctx.close();
    expectCollectionError(
      results,
      /^stopped: docker list containers via unix:\/\/.*docker\.sock: .*(ECONNREFUSED|ENOENT)/,
    );
  }, 60_000);
});
