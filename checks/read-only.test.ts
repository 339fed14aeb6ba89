/**
 * Read-only, proven: the lab sshd runs every SSH command through a recording ForceCommand
 * wrapper; the audit of the lab hosts runs; only the probes' own read-only commands (exactly
 * the plan's scripts) reached the hosts, hostile params included as inert quoted words.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../fixtures/lab/context.ts';
import { type Fail2banLab, startFail2ban } from '../fixtures/lab/fail2ban-lab.ts';
import { type SshLab, startSshLab } from '../fixtures/lab/ssh-lab.ts';
import { defaultRubric } from '../policies/default-rubric.ts';
import { type Control, emptyInventory, type Policy } from '../policies/types.ts';
import { hostProbes } from './host/probes.ts';
import { planCommands } from './plan.ts';
import { ProbeRegistry } from './registry.ts';
import { splitBatchScript } from './transport/ssh-batch.ts';

let lab: SshLab;
let f2b: Fail2banLab;
const catalog = new ProbeRegistry(hostProbes);
const PWNED = '/tmp/readyspec-read-only-pwned';

function controls(): Control[] {
  const c = (id: string, check: string, params: Record<string, unknown>): Control => ({
    id,
    title: id,
    category: 'security',
    severity: 'high',
    check,
    params,
  });
  return [
    c('SEC-NET-001', 'host.listening', { allowPorts: [22, 80, 443] }),
    c('REL-DISK-001', 'host.disk', { maxPercent: 90 }),
    c('BAK-AGE-001', 'host.file-age', { path: lab.dir, maxAgeHours: 24, pattern: `*.conf; touch ${PWNED}` }),
    c('SEC-FILE-001', 'host.file-mode', { path: `/etc/passwd$(touch ${PWNED})`, maxMode: '644' }),
    c('SEC-FILE-002', 'host.file-mode', { path: '/etc/shadow', maxMode: '640', owner: 'root' }),
    c('SEC-SSH-001', 'host.sshd', {
      settings: { permitrootlogin: 'no', passwordauthentication: 'no' },
      config: lab.hosts[0].config,
    }),
    c('SEC-F2B-001', 'host.fail2ban', { jails: ['sshd'], socket: f2b.socket }),
    c('AVL-SVC-001', 'host.services', {
      services: ['sshd', { name: 'f2b', pidfile: f2b.pidfile }, `\`touch ${PWNED}\``],
    }),
    c('REL-OOM-001', 'host.oom-kills', { hours: 24 }),
    c('REL-MEM-001', 'host.memory', { maxPercent: 95 }),
    c('REL-LOAD-001', 'host.load', { maxPerCore: 2 }),
    c('REL-TIME-001', 'host.time-sync', {}),
  ];
}

beforeAll(async () => {
  [lab, f2b] = await Promise.all([
    startSshLab({
      hosts: [
        { name: 'master', address: '127.0.0.31' },
        { name: 'lady', address: '127.0.0.32' },
      ],
      record: true,
      sudo: true,
      prefix: 'ssh-readonly',
    }),
    startFail2ban(['sshd']),
  ]);
});
afterAll(() => Promise.all([lab?.stop(), f2b?.stop()]));

describe('read-only audit over SSH', () => {
  it("sends only the plan's read-only commands, batched, with hostile params inert", async () => {
    const policy: Policy = {
      name: 'read-only',
      baseDir: lab.dir,
      files: [],
      inventory: { ...emptyInventory(), hosts: lab.entries({ sudo: true }) },
      rubric: defaultRubric,
      controls: controls(),
      waivers: [],
      warnings: [],
    };
    const ctx = labContext({ baseDir: lab.dir, inventory: policy.inventory, probes: hostProbes });
    const results = await Promise.all(
      policy.controls.flatMap((control) =>
        policy.inventory.hosts.map((host) =>
          catalog.get(control.check)?.run(ctx, host, control.params as never),
        ),
      ),
    );
    await ctx.close();
    expect(results.every((r) => r && ['pass', 'fail', 'error'].includes(r.outcome))).toBe(true);
    expect(results.filter((r) => r?.outcome === 'error').map((r) => r?.message)).toEqual([]);

    const plan = planCommands(policy, catalog);
    const allowed = new Set(plan.map((p) => p.script));
    const execs = lab.recorded();
    const seen = execs.map((script) => splitBatchScript(script));
    // Every exec the hosts saw is a batch of plan commands and nothing else.
    expect(seen.every((cmds) => cmds !== undefined)).toBe(true);
    const commands = seen.flat() as string[];
    expect(commands.filter((c) => !allowed.has(c))).toEqual([]);
    expect(existsSync(PWNED)).toBe(false);
    console.info(
      `read-only audit: ${results.length} results, ${execs.length} execs recorded, ${commands.length} commands, ` +
        `${new Set(commands).size} distinct, all within the plan's ${allowed.size} scripts (${new Set(plan.map((p) => p.template)).size} templates)`,
    );
    expect(commands.length).toBeGreaterThan(execs.length);
  });

  it('plans the commands without connecting', () => {
    const inventory = { ...emptyInventory(), hosts: [{ name: 'web', address: '192.0.2.10' }] };
    const policy = { inventory, controls: controls() } as unknown as Policy;
    const plan = planCommands(policy, catalog);
    expect(plan.find((p) => p.control === 'SEC-FILE-001')).toEqual({
      host: 'web',
      control: 'SEC-FILE-001',
      template: 'stat -L -c {} -- {}',
      script: `stat -L -c '%a %U %G' -- '/etc/passwd$(touch ${PWNED})'`,
    });
    expect(new Set(plan.map((p) => p.control)).size).toBe(12);
  });
});
