/**
 * Nothing the policy asks is lost: controls in categories the rubric adds (one named like an
 * Object.prototype key among them) run through `npm test`, are graded, block the decision
 * when they fail, and appear in results.json and the assessment.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labDir } from '../../fixtures/lab/process.ts';

const root = resolve(import.meta.dirname, '../..');

describe('categories without a spec file of their own', () => {
  it('run, are graded and reported; a failing critical one blocks READY', () => {
    const dir = labDir('other-categories');
    const open = join(dir, 'open.txt');
    writeFileSync(open, 'x');
    chmodSync(open, 0o666);
    const policy = join(dir, 'policy');
    mkdirSync(policy);
    writeFileSync(
      join(policy, 'policy.yaml'),
      `inventory:
  hosts:
    - { name: box, transport: local }
rubric:
  categories:
    compliance: { weight: 5 }
    constructor: { weight: 5, title: Constructor checks }
controls:
  - { id: CMP-FILE-001, title: passwd is not writable by others, category: compliance, severity: low, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
  - { id: CON-FILE-001, title: a world-writable file is refused, category: constructor, severity: critical, check: host.file-mode, params: { path: ${JSON.stringify(open)}, maxMode: "600" } }
  - { id: REL-FILE-001, title: passwd mode, category: reliability, severity: low, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }
`,
    );
    const reports = join(dir, 'reports');
    const run = spawnSync('npm', ['test', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        READYSPEC_POLICY: policy,
        READYSPEC_REPORTS: reports,
        READYSPEC_NOW: '2026-11-23T12:00:00Z',
      },
    });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const results = JSON.parse(readFileSync(join(reports, '2026-11-23', 'results.json'), 'utf8'));
    const byId = Object.fromEntries(results.controls.map((c: { id: string }) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual(['CMP-FILE-001', 'CON-FILE-001', 'REL-FILE-001']);
    expect(byId['CMP-FILE-001']).toMatchObject({ category: 'compliance', outcome: 'pass' });
    expect(byId['CON-FILE-001']).toMatchObject({ category: 'constructor', outcome: 'fail' });
    expect(results.decision.ready).toBe(false);
    expect(results.grade.capped).toBe(true);
    const categories = Object.fromEntries(results.categories.map((c: { id: string }) => [c.id, c]));
    expect(categories.constructor).toMatchObject({ weight: 5, score: 0 });
    expect(categories.compliance).toMatchObject({ weight: 5, score: 100 });
    const assessment = readFileSync(
      join(reports, '2026-11-23', 'PRODUCTION_READY_ASSESSMENT_2026-11-23.md'),
      'utf8',
    );
    expect(assessment).toContain('### Constructor checks');
    expect(assessment).toContain('CON-FILE-001');
  });
});
