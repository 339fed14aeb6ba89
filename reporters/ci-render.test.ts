/**
 * The CI renderings on a fixed run: workflow-command escaping, SARIF against the SARIF 2.1.0
 * schema's required fields (the table below is the `required`/`anyOf` of every object the
 * file uses, from the OASIS schema), and the textfile parsed by Prometheus's own promtool.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatAnnotation, renderAnnotations } from './ci-annotations.ts';
import { escapeLabel, renderPrometheus } from './ci-prometheus.ts';
import { renderSarif } from './ci-sarif.ts';
import type { Row } from './rows.ts';
import { buildRunReport } from './run.ts';
import { samplePolicy, sampleRow } from './sample.ts';

const rows: Row[] = [
  sampleRow({
    id: 'SEC-GIT-001',
    category: 'security',
    severity: 'critical',
    check: 'git.secret-content',
    target: 'app-repo',
    subject: 'config/.env',
    blocking: true,
    outcome: 'fail',
    message: 'config/.env: 2 secret(s): line 3 DB_PASSWORD, line 7 API_TOKEN',
    evidence: {
      source: 'local:/work/main/fixtures/x',
      file: 'config/.env',
      findings: [{ line: 3 }, { line: 7 }],
    },
    remediation: 'Rotate, then purge history',
  }),
  sampleRow({
    id: 'SEC-CMP-001',
    category: 'security',
    severity: 'high',
    check: 'compose.ports',
    target: 'master',
    subject: 'db',
    outcome: 'waived',
    message: 'db: 1 of 2 binding(s) not allowed',
    evidence: {
      source: 'master:/srv/app/docker-compose.yml:9',
      file: '/srv/app/docker-compose.yml',
      line: 9,
      observed: [
        { binding: '127.0.0.1:5432', allowed: true, line: 11 },
        { binding: '0.0.0.0:5433', allowed: false, line: 12 },
      ],
    },
    waiver: {
      justification: 'legacy',
      owner: 'alice',
      approver: 'bob',
      expires: '2027-01-01',
      status: 'active',
    },
  }),
  sampleRow({ id: 'AVL-HTTP-001', blocking: true, outcome: 'error', message: 'timeout, after 3000 ms' }),
  sampleRow({ id: 'AVL-HTTP-002', target: 'we"ird\\name\nx', outcome: 'pass' }),
];

describe('annotations', () => {
  it.each([
    ['100%\r\nnext', '100%25%0D%0Anext', '100%25%0D%0Anext'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
  ])('%j escapes as data %j and as a property %j', (raw, data, property) => {
    expect(escapeData(raw)).toBe(data);
    expect(escapeProperty(raw)).toBe(property);
  });

  it('a message cannot start a second command', () => {
    const line = formatAnnotation({ level: 'error', title: 'T', message: 'x\n::error::forged' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('::error title=T::x%0A::error::forged');
  });

  it('error for a failing blocking control, warning for an inconclusive one, error for run-wide blockers', () => {
    const text = renderAnnotations(rows, [
      { kind: 'score', ref: '', message: 'score 40 below the required 85' },
    ]);
    expect(text.trim().split('\n')).toEqual([
      '::error title=SEC-GIT-001 @ app-repo › config/.env%3A blocking control fails::Control SEC-GIT-001: config/.env: 2 secret(s): line 3 DB_PASSWORD, line 7 API_TOKEN Remediation: Rotate, then purge history',
      '::warning title=AVL-HTTP-001 @ web%3A blocking control inconclusive::Control AVL-HTTP-001: timeout, after 3000 ms',
      '::error title=readyspec%3A NOT READY (score)::score 40 below the required 85',
    ]);
  });
});

/** SARIF 2.1.0 schema (sarif-schema-2.1.0.json): required properties, and anyOf alternatives. */
const REQUIRED: Record<string, { all?: string[]; any?: string[][] }> = {
  sarifLog: { all: ['version', 'runs'] },
  run: { all: ['tool'] },
  tool: { all: ['driver'] },
  toolComponent: { all: ['name'] },
  reportingDescriptor: { all: ['id'] },
  multiformatMessageString: { all: ['text'] },
  invocation: { all: ['executionSuccessful'] },
  result: { all: ['message'] },
  message: { any: [['text'], ['id']] },
  physicalLocation: { any: [['address'], ['artifactLocation']] },
  region: { any: [['startLine'], ['charOffset'], ['byteOffset']] },
  suppression: { all: ['kind'] },
};

function conforms(kind: string, o: Record<string, unknown>): string[] {
  const need = REQUIRED[kind];
  if (!need) return [];
  const missing = (need.all ?? []).filter((k) => !(k in o)).map((k) => `${kind} lacks ${k}`);
  if (need.any && !need.any.some((alt) => alt.every((k) => k in o)))
    missing.push(`${kind} lacks one of ${JSON.stringify(need.any)}`);
  return missing;
}

type O = Record<string, unknown>;
function sarifProblems(log: O): string[] {
  const p = [...conforms('sarifLog', log)];
  if (log.version !== '2.1.0') p.push('version is not 2.1.0');
  for (const run of log.runs as O[]) {
    p.push(...conforms('run', run));
    const tool = run.tool as O;
    p.push(...conforms('tool', tool), ...conforms('toolComponent', tool.driver as O));
    for (const rule of ((tool.driver as O).rules as O[]) ?? []) {
      p.push(...conforms('reportingDescriptor', rule));
      if (rule.shortDescription) p.push(...conforms('multiformatMessageString', rule.shortDescription as O));
    }
    for (const inv of (run.invocations as O[]) ?? []) p.push(...conforms('invocation', inv));
    for (const r of run.results as O[]) {
      p.push(...conforms('result', r), ...conforms('message', r.message as O));
      if (!['none', 'note', 'warning', 'error'].includes(r.level as string)) p.push(`level ${r.level}`);
      for (const loc of (r.locations as O[]) ?? []) {
        const phys = loc.physicalLocation as O;
        p.push(...conforms('physicalLocation', phys));
        if (phys.region) {
          p.push(...conforms('region', phys.region as O));
          if (!(((phys.region as O).startLine as number) >= 1)) p.push('startLine < 1');
        }
        const art = phys.artifactLocation as O;
        if (art.uriBaseId && !(run.originalUriBaseIds as O)?.[art.uriBaseId as string])
          p.push(`unknown base ${art.uriBaseId}`);
      }
      for (const s of (r.suppressions as O[]) ?? []) {
        p.push(...conforms('suppression', s));
        if (!['inSource', 'external'].includes(s.kind as string)) p.push(`suppression kind ${s.kind}`);
      }
    }
  }
  return p;
}

describe('SARIF', () => {
  const log = renderSarif({
    rows,
    warnings: [
      'policies/x/waivers.yaml /waivers/0: waiver SEC-HDR-001 expired on 2026-01-01; the control counts as unwaived',
    ],
    workspace: '/work/main',
    cwd: '/work/main',
    endedAt: '2026-11-23T12:00:00.000Z',
  });
  const run = (log.runs as O[])[0] as O;
  const results = run.results as O[];

  it('has every field the SARIF 2.1.0 schema requires', () => {
    expect(sarifProblems(log)).toEqual([]);
  });

  it('one result per secret line, relative to the workspace; compose bindings on their host; a waiver suppresses', () => {
    const where = results.map((r) => {
      const phys = (r.locations as O[])[0]?.physicalLocation as O;
      return [
        r.ruleId,
        (phys.artifactLocation as O).uri,
        (phys.region as O | undefined)?.startLine,
        Boolean(r.suppressions),
      ];
    });
    expect(where).toEqual([
      ['SEC-GIT-001', 'fixtures/x/config/.env', 3, false],
      ['SEC-GIT-001', 'fixtures/x/config/.env', 7, false],
      ['SEC-CMP-001', 'srv/app/docker-compose.yml', 12, true],
      ['readyspec/policy-warning', 'policies/x/waivers.yaml', undefined, false],
    ]);
    expect(run.originalUriBaseIds).toEqual({ ROOT1: { description: { text: 'the file system of master' } } });
    // Inconclusive and passing rows are not findings.
    expect(results.some((r) => r.ruleId === 'AVL-HTTP-001')).toBe(false);
  });
});

describe('Prometheus textfile', () => {
  const { results } = buildRunReport(rows, samplePolicy(), new Date('2026-11-23T12:00:00Z'));
  const text = renderPrometheus(results);

  it('escapes label values per the exposition format', () => {
    expect(escapeLabel('we"ird\\name\nx')).toBe('we\\"ird\\\\name\\nx');
    expect(text).toContain('target="we\\"ird\\\\name\\nx"');
  });

  it('has one control_outcome series per row and passes promtool check metrics', () => {
    expect(text.split('\n').filter((l) => l.startsWith('readyspec_control_outcome{'))).toHaveLength(
      rows.length,
    );
    expect(text).toMatch(/^readyspec_ready\{policy="[^"]*"\} 0$/m);
    expect(text).toMatch(/^readyspec_score\{policy="[^"]*",category="security"\} [\d.]+$/m);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.error).toBeUndefined();
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
  });
});
