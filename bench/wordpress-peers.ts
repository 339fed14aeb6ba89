/**
 * Bench (figures, not a test): the planted-defect WordPress lab (the e2e's defects, e2e-plan.ts)
 * audited by readyspec (`npm test`, the lab's policy from audit-policy.ts) and by three peers:
 * testssl.sh (each site's HTTPS port), mysqltuner (the lab's MariaDB, as root over its socket)
 * and Lynis (`audit system`: the machine it runs on). Prints a Markdown table of planted defect
 * (truth.yaml's `planted:` rows, by check family) × tool, and each tool's wall time. A peer
 * whose binary is absent is named missing. Every run is bounded and killed by its group's pid.
 *
 *   npx tsx bench/wordpress-peers.ts        (npm run bench:wordpress)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { compareTruth, loadTruth, rowKey, summarise } from '../fixtures/estate/truth.ts';
import { writeLabPolicy } from '../fixtures/lab/wordpress/audit-policy.ts';
import { PLANTED, truthVars, WORDPRESS_TRUTH } from '../fixtures/lab/wordpress/e2e-plan.ts';
import { startWordPressLab, type WordPressLab } from '../fixtures/lab/wordpress/lab.ts';
import { type BoundedRun, runBounded } from './bounded.ts';
import {
  type Cell,
  lynisCell,
  mysqltunerCell,
  type PlantedRow,
  type TestsslFinding,
  testsslCell,
} from './wordpress-peer-scope.ts';

const root = resolve(import.meta.dirname, '..');
const PEER_TIMEOUT_MS = 300_000;
const AUDIT_TIMEOUT_MS = 480_000;
const BIN = { testssl: '/usr/bin/testssl', mysqltuner: '/usr/bin/mysqltuner', lynis: '/usr/sbin/lynis' };
type Tool = 'readyspec' | keyof typeof BIN;
const TOOLS: Tool[] = ['readyspec', 'testssl', 'mysqltuner', 'lynis'];

interface ToolRun {
  wallMs: number;
  note: string;
  cells: (row: PlantedRow) => Cell;
}

/** truth.yaml's rows whose note names a planted switch, each with its check family and site. */
function plantedRows(wp: WordPressLab): PlantedRow[] {
  const pack = yaml.load(readFileSync(join(root, 'policies/packs/wordpress/controls.yaml'), 'utf8')) as {
    controls: { id: string; check: string }[];
  };
  const checks = new Map(pack.controls.map((c) => [c.id, c.check]));
  const sites = wp.sites.map((s) => s.name);
  return loadTruth(WORDPRESS_TRUTH, truthVars(wp))
    .filter((r) => r.note.startsWith('planted:'))
    .map((r) => {
      const where = `${r.target} ${r.subject ?? ''}`;
      return {
        ...r,
        family: checks.get(r.control)?.split('.')[0] ?? (r.control.startsWith('BAK') ? 'backup' : 'other'),
        site: sites.find((s) => new RegExp(`(^|[^\\w])${s}([^\\w]|$)`).test(where)),
      };
    });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const outcomeNote = (r: BoundedRun) =>
  r.timedOut ? `killed after ${seconds(PEER_TIMEOUT_MS)}` : `exit ${r.status}`;

async function readyspec(wp: WordPressLab): Promise<ToolRun> {
  const policy = writeLabPolicy(wp, join(wp.dir, 'policy'));
  const reports = join(wp.dir, 'reports');
  const run = await runBounded('npm', ['test', '--silent'], {
    cwd: root,
    timeoutMs: AUDIT_TIMEOUT_MS,
    env: {
      ...process.env,
      READYSPEC_POLICY: policy,
      READYSPEC_REPORTS: reports,
      READYSPEC_TIMEOUT_MS: '60000',
      READYSPEC_CONCURRENCY: '8',
    },
  });
  const day = existsSync(reports)
    ? readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    : undefined;
  if (!day) throw new Error(`readyspec wrote no report (${outcomeNote(run)}):\n${run.stderr.slice(-2000)}`);
  const results = JSON.parse(readFileSync(join(reports, day, 'results.json'), 'utf8'));
  const verdicts = compareTruth(loadTruth(WORDPRESS_TRUTH, truthVars(wp)), results.controls);
  const s = summarise(verdicts, results.controls);
  const status = new Map(verdicts.map((v) => [v.key, v.status]));
  return {
    wallMs: run.wallMs,
    note: `npm test, ${results.controls.length} rows; truth's fail rows ${s.found}/${s.planted} found, false failures ${s.falseFailures}, unexpected ${s.unexpected}`,
    cells: (r) => (status.get(rowKey(r.control, r.target, r.subject)) === 'agrees' ? 'found' : 'missed'),
  };
}

/** Whether the legacyTls site completes a TLSv1 handshake at all (its config names TLSv1). */
async function legacyHandshake(wp: WordPressLab): Promise<string> {
  const site = wp.sites.find((s) => s.name === PLANTED.legacyTls);
  if (!site) return 'no legacyTls site';
  const run = await runBounded(
    'openssl',
    ['s_client', '-connect', `${site.address}:${site.httpsPort}`, '-tls1', '-cipher', 'DEFAULT@SECLEVEL=0'],
    { timeoutMs: 20_000 },
  );
  const cipher = /Cipher is (\S+)/.exec(run.stdout)?.[1];
  const alert = /alert (.+?):/.exec(run.stderr)?.[1];
  const session =
    cipher && cipher !== '(NONE)'
      ? `TLSv1 accepted (${cipher})`
      : `no TLSv1 session${alert ? ` (${alert})` : ''}`;
  return `openssl s_client -tls1 at ${site.name}: ${session}`;
}

async function testssl(wp: WordPressLab): Promise<ToolRun> {
  const bySite = new Map<string, TestsslFinding[]>();
  let wallMs = 0;
  const notes: string[] = [];
  for (const s of wp.sites) {
    const json = join(wp.dir, `testssl-${s.name}.json`);
    const run = await runBounded(
      BIN.testssl,
      [
        '--quiet',
        '--color',
        '0',
        '--warnings',
        'off',
        '--add-ca',
        wp.ca.cert,
        '--connect-timeout',
        '10',
        '--openssl-timeout',
        '10',
        '--jsonfile',
        json,
        '--protocols',
        '--headers',
        `${s.address}:${s.httpsPort}`,
      ],
      { timeoutMs: PEER_TIMEOUT_MS },
    );
    wallMs += run.wallMs;
    notes.push(`${s.name} ${seconds(run.wallMs)} (${outcomeNote(run)})`);
    bySite.set(s.name, existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as TestsslFinding[]) : []);
  }
  return {
    wallMs,
    note: `--protocols --headers per site: ${notes.join(', ')}; ${await legacyHandshake(wp)}`,
    cells: (r) => testsslCell(r, bySite),
  };
}

async function mysqltuner(wp: WordPressLab): Promise<ToolRun> {
  const run = await runBounded(
    BIN.mysqltuner,
    ['--defaults-file', wp.mariadb.defaultsFile, '--nocolor', '--skipsize', '--forcemem', '2048'],
    { timeoutMs: PEER_TIMEOUT_MS },
  );
  const warnings = run.stdout.split('\n').filter((l) => l.startsWith('[!!]'));
  return {
    wallMs: run.wallMs,
    note: `root by socket authentication (the lab's my.cnf [client]), ${outcomeNote(run)}, ${warnings.length} [!!] lines`,
    cells: (r) => mysqltunerCell(r, warnings),
  };
}

async function lynis(wp: WordPressLab): Promise<ToolRun> {
  const report = join(wp.dir, 'lynis-report.dat');
  const run = await runBounded(
    BIN.lynis,
    [
      'audit',
      'system',
      '--quick',
      '--no-colors',
      '--report-file',
      report,
      '--logfile',
      join(wp.dir, 'lynis.log'),
    ],
    { timeoutMs: PEER_TIMEOUT_MS },
  );
  const lines = existsSync(report) ? readFileSync(report, 'utf8').split('\n') : [];
  const count = (p: string) => lines.filter((l) => l.startsWith(p)).length;
  const named = lines.filter((l) => l.includes(wp.dir)).map((l) => l.split('=')[0]);
  const nginxConf = lines.find((l) => l.startsWith('nginx_main_conf_file='))?.split('=')[1] ?? 'none';
  return {
    wallMs: run.wallMs,
    note:
      `this machine: ${outcomeNote(run)}, ${count('warning[]=')} warnings, ${count('suggestion[]=')} suggestions; ` +
      `nginx config read: ${nginxConf}; lab paths in its report: ${named.length ? [...new Set(named)].join(', ') : 'none'}`,
    cells: (r) => lynisCell(r, nginxConf === wp.layout.nginxConf),
  };
}

function tables(rows: PlantedRow[], runs: Map<Tool, ToolRun | string>, lab: string): string {
  const head = `| class | planted defect (control › subject) | ${TOOLS.join(' | ')} |\n|---|---|${TOOLS.map(() => '---').join('|')}|`;
  const ordered = [...rows].sort(
    (a, b) => a.family.localeCompare(b.family) || a.control.localeCompare(b.control),
  );
  const found = new Map<Tool, number>(TOOLS.map((t) => [t, 0]));
  const body = ordered.map((r) => {
    const cells = TOOLS.map((t) => {
      const run = runs.get(t);
      if (typeof run !== 'object') return run?.startsWith('failed') ? 'failed' : 'missing';
      const cell = run.cells(r);
      if (cell === 'found') found.set(t, (found.get(t) ?? 0) + 1);
      return cell;
    });
    const subject = (r.subject ?? r.target).replaceAll(lab, 'LAB');
    return `| ${r.family} | ${r.control} › ${subject.replace(/\|/g, '\\|')} (${r.note.replace(/^planted: /, '')}) | ${cells.join(' | ')} |`;
  });
  const total = `| | **found of ${rows.length}** | ${TOOLS.map((t) => (typeof runs.get(t) === 'object' ? `**${found.get(t)}**` : 'missing')).join(' | ')} |`;
  const times = TOOLS.map((t) => {
    const run = runs.get(t);
    return typeof run === 'object'
      ? `| ${t} | ${seconds(run.wallMs)} | ${run.note} |`
      : `| ${t} | missing | ${run} |`;
  });
  return [head, ...body, total, '', '| tool | wall time | run |', '|---|---|---|', ...times].join('\n');
}

async function main() {
  const wp = await startWordPressLab({ address: '127.0.0.181', defects: PLANTED, harden: true });
  try {
    const runs = new Map<Tool, ToolRun | string>();
    const peers: Record<Tool, (lab: WordPressLab) => Promise<ToolRun>> = {
      readyspec,
      testssl,
      mysqltuner,
      lynis,
    };
    for (const t of TOOLS) {
      const bin = t === 'readyspec' ? undefined : BIN[t];
      if (bin && !existsSync(bin)) {
        runs.set(t, `${bin} absent`);
        continue;
      }
      runs.set(t, await peers[t](wp).catch((err: Error) => `failed: ${err.message.split('\n')[0]}`));
    }
    process.stdout.write(`\n${tables(plantedRows(wp), runs, wp.dir)}\n`);
  } finally {
    await wp.stop();
  }
}

await main();
