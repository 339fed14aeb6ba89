/**
 * SSH benchmark (not a test): 20 sshd on loopback × 50 command controls, run in one go by
 * readyspec (transport + probes, the full probe path), by a bare ssh2 loop (one connection per
 * host, 8 channels, one exec per check) and by Testinfra (ssh backend with connection reuse,
 * paramiko backend; pytest-xdist -n 4 when installed). Prints wall time, checks/s and ratios.
 * Run: npx tsx bench/ssh.ts [hosts=20]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostProbes } from '../checks/host/probes.ts';
import type { ProbeResult } from '../checks/probe.ts';
import { labContext } from '../fixtures/lab/context.ts';
import { LAB_USER, startSshLab } from '../fixtures/lab/ssh-lab.ts';
import type { HostEntry } from '../policies/types.ts';
import { loadNote, measured, unmeasured } from './goals.ts';
import { median } from './measure.ts';
import { bareLoop } from './ssh-bare.ts';
import { benchChecks } from './ssh-checks.ts';
import { hasPython, hasTestinfra, hasXdist, runTestinfra } from './ssh-testinfra.ts';
import { bareVitest } from './vitest-floor.ts';

const HOSTS = Math.min(Number(process.argv[2] ?? 20), 40);
const TESTINFRA_TIMEOUT_MS = 300_000;
const checks = benchChecks();

interface Row {
  runner: string;
  wallMs: number;
  ok: number;
  note?: string;
  /** The process ended in failure (a tool failure, exit 3): not a figure, whatever passed. */
  failed?: boolean;
}

async function main() {
  const lab = await startSshLab({
    hosts: Array.from({ length: HOSTS }, (_, i) => ({ name: `h${i + 1}`, address: `127.0.1.${i + 1}` })),
    prefix: 'bench-ssh',
  });
  const rows: Row[] = [];
  try {
    const entries = lab.entries();
    const total = entries.length * checks.length;

    const readyspec = async (concurrency: number): Promise<Row> => {
      const ctx = labContext({
        baseDir: lab.dir,
        inventory: { hosts: entries },
        probes: hostProbes,
        options: { concurrency },
      });
      const started = performance.now();
      const jobs = entries.flatMap((h) =>
        checks.map((c) => () => hostProbes.find((p) => p.name === c.probe)?.run(ctx, h, c.params as never)),
      );
      const results: (ProbeResult | undefined)[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: ctx.options.concurrency }, async () => {
          while (next < jobs.length) results.push(await jobs[next++]());
        }),
      );
      await ctx.close();
      const wallMs = performance.now() - started;
      const bad = results.filter((r) => r?.outcome !== 'pass');
      return {
        runner: `readyspec (transport + probes, ${concurrency} probes in flight)`,
        wallMs,
        ok: results.length - bad.length,
        note: bad[0]?.message,
      };
    };
    const bare = async (): Promise<Row> => {
      const started = performance.now();
      const ok = await bareLoop(
        lab.hosts.map((h) => ({ host: h.address, port: h.port, user: LAB_USER, key: lab.identityFile })),
        checks.map((c) => c.script),
      );
      return { runner: 'bare ssh2 loop (8 channels, 1 exec/check)', wallMs: performance.now() - started, ok };
    };
    // Best of three for the fast runners: the first run also pays for module loading.
    const best = async (f: () => Promise<Row>) => {
      const runs = [await f(), await f(), await f()];
      return runs.sort((a, b) => a.wallMs - b.wallMs)[0];
    };
    rows.push(await best(() => readyspec(1000)), await best(bare), await best(() => readyspec(256)));
    rows.push(wholeAudit(lab.dir, entries));
    // When vitest reaches its global setup (where the engine starts), beside the whole audit.
    const setupAt = median([bareVitest(), bareVitest(), bareVitest()].map((b) => b.setupAtMs));

    const dir = join(lab.dir, 'testinfra');
    mkdirSync(join(dir, 'cm'), { recursive: true });
    const sshConfig = join(dir, 'ssh_config');
    writeFileSync(
      sshConfig,
      `Host *\n  User ${LAB_USER}\n  IdentityFile ${lab.identityFile}\n  UserKnownHostsFile ${lab.knownHosts}\n  StrictHostKeyChecking yes\n  BatchMode yes\n  ControlPath ${dir}/cm/%C\n`,
    );
    const urls = (scheme: string) => lab.hosts.map((h) => `${scheme}://${LAB_USER}@${h.address}:${h.port}`);
    const xdist = hasXdist() ? ['-n', '4'] : [];
    const label = xdist.length ? ' -n 4' : ' (pytest-xdist missing: python3-pytest-xdist)';
    const peers = hasTestinfra() ? [] : (['skip'] as const);
    for (const [name, hosts, extra] of peers.length
      ? []
      : ([
          [
            `Testinfra paramiko${label}`,
            urls('paramiko'),
            [`--ssh-identity-file=${lab.identityFile}`, ...xdist],
          ],
          [`Testinfra ssh + ControlPersist${label}`, urls('ssh'), [`--ssh-config=${sshConfig}`, ...xdist]],
        ] as const)) {
      if (name.startsWith('Testinfra paramiko') && !hasPython('paramiko')) {
        // Named as missing, not run: a run whose every test errors is no figure.
        console.log(
          `${name}: not run, paramiko missing (/usr/bin/python3 cannot import it: python3-paramiko)`,
        );
        continue;
      }
      const r = runTestinfra(dir, checks, [...hosts], [...extra], TESTINFRA_TIMEOUT_MS);
      rows.push({ runner: name, wallMs: r.wallMs, ok: r.passed, note: r.status === 0 ? undefined : r.note });
    }
    print(rows, setupAt, total, xdist.length > 0);
  } finally {
    await lab.stop();
  }
}

/**
 * The same 1000 checks as a whole `npm test` process: policy load, engine, one vitest test per
 * control × host, grading and documents (the default 256 probes in flight).
 */
function wholeAudit(dir: string, hosts: HostEntry[]): Row {
  const policy = join(dir, 'policy');
  mkdirSync(policy, { recursive: true });
  const controls = checks.map((c, i) => ({
    id: `REL-BENCH-${String(i + 1).padStart(3, '0')}`,
    title: `bench check ${i + 1}`,
    category: 'reliability',
    severity: 'medium',
    check: c.probe,
    params: c.params,
  }));
  writeFileSync(join(policy, 'policy.json.yaml'), JSON.stringify({ inventory: { hosts }, controls }));
  const reports = join(dir, 'reports');
  const root = join(import.meta.dirname, '..');
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'audit'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, READYSPEC_POLICY: policy, READYSPEC_REPORTS: reports },
    },
  );
  const wallMs = performance.now() - started;
  const day = readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const results = day
    ? JSON.parse(readFileSync(join(reports, day, 'results.json'), 'utf8'))
    : { controls: [] };
  const ok = results.controls.filter(
    (c: { id: string; outcome: string }) => c.id.startsWith('REL-BENCH') && c.outcome === 'pass',
  ).length;
  return {
    runner: 'readyspec npm test (whole audit process)',
    wallMs,
    ok,
    note: r.status === 0 ? undefined : `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`,
    failed: r.status !== 0,
  };
}

/** Only a run where every check passed is a figure; the others are named, never a ratio. */
const valid = (r: Row | undefined, total: number): boolean => r !== undefined && r.ok === total && !r.failed;

function print(rows: Row[], setupAt: number, total: number, xdist: boolean) {
  const rs = rows[0];
  console.log(
    `\nSSH benchmark: ${HOSTS} sshd on loopback × ${checks.length} command controls = ${total} checks (${loadNote()})\n`,
  );
  console.log('| runner | wall s | checks/s | passed | × readyspec engine time |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = valid(r, total) && valid(rs, total) ? (r.wallMs / rs.wallMs).toFixed(1) : 'no figure';
    const line = `| ${r.runner} | ${(r.wallMs / 1000).toFixed(2)} | ${Math.round(r.ok / (r.wallMs / 1000))} | ${r.ok}/${total} | ${ratio} |`;
    console.log(r.note ? `${line} ${r.note.slice(0, 80)}` : line);
  }
  const peers = rows.filter((r) => r.runner.startsWith('Testinfra'));
  const passing = peers.filter((r) => valid(r, total));
  const why = !hasTestinfra()
    ? 'Testinfra missing (/usr/bin/python3 cannot import testinfra: install python3-testinfra)'
    : passing.length === 0
      ? `no Testinfra run passed all ${total} checks (${peers.map((r) => `${r.runner}: ${r.ok}/${total}`).join('; ')})`
      : undefined;
  const fastest = passing.sort((a, b) => a.wallMs - b.wallMs)[0];
  const peerNote = xdist ? '' : ', without pytest-xdist (python3-pytest-xdist missing)';
  const engine = `SSH ${HOSTS} hosts × ${checks.length} checks: engine ≥ 10× Testinfra's fastest`;
  const whole = `SSH ${HOSTS} hosts × ${checks.length} checks: whole npm test ≥ 8× Testinfra's fastest`;
  const npmTest = rows.find((r) => r.runner.startsWith('readyspec npm test'));
  const ourRuns: [string, Row | undefined, number][] = [
    [engine, rs, 10],
    [whole, npmTest, 8],
  ];
  for (const [goal, ours, bar] of ourRuns) {
    if (why) unmeasured(goal, why);
    else if (!valid(ours, total))
      unmeasured(goal, `readyspec passed ${ours?.ok ?? 0}/${total} checks; ${ours?.note ?? ''}`);
    else if (ours) {
      const ratio = fastest.wallMs / ours.wallMs;
      // A whole npm test pays vitest's start-up on top of the engine: the best it could reach.
      const ceiling =
        ours === npmTest
          ? `; ceiling ${(fastest.wallMs / (setupAt + rs.wallMs)).toFixed(1)}× (bare vitest reaches its global setup at ${(setupAt / 1000).toFixed(2)} s, + engine ${(rs.wallMs / 1000).toFixed(2)} s)`
          : '';
      measured(
        goal,
        `${ratio.toFixed(1)}× (${(ours.wallMs / 1000).toFixed(2)} s vs ${fastest.runner} ${(fastest.wallMs / 1000).toFixed(2)} s${peerNote}${ceiling})`,
        ratio >= bar,
      );
    }
  }
  const bare = rows[1];
  if (valid(bare, total) && valid(rs, total))
    console.log(`readyspec engine vs bare ssh2 loop: ${(bare.wallMs / rs.wallMs).toFixed(2)}× (goal > 1)`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
