import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pass } from '../checks/probe.ts';
import { defineProbe, ProbeRegistry } from '../checks/registry.ts';
import { assessmentFileName } from '../reporters/assessment.ts';
import { PROM_FILE, SARIF_FILE } from '../reporters/ci-outputs.ts';
import { FAILING_CSV } from '../reporters/failing-csv.ts';
import { ASSESSMENT_STEM, RESERVED_NAMES } from './document-names.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';

const registry = new ProbeRegistry([
  defineProbe({
    name: 'http.status',
    summary: 'status',
    target: 'endpoint',
    params: { type: 'object', additionalProperties: false, properties: {} },
    run: async () => pass('ok', {}),
  }),
]);

const base = `inventory:
  endpoints: [{ name: site, url: "https://example.test/" }]
controls:
  - { id: AVA-HTTP-001, title: Site answers, category: availability, severity: high, check: http.status }
`;

/** Loads base + `extra` as one policy file; the validation message, or '' when it loads. */
async function problemsOf(extra: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-names-'));
  writeFileSync(join(dir, 'policy.yaml'), `${base}${extra}`);
  try {
    await loadPolicy(dir, { registry, today: '2026-11-23' });
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as PolicyError).message;
  }
}

const reports = (...ids: string[]) =>
  `rubric:\n  reports:\n${ids.map((id) => `    - { id: ${id}, title: T, categories: [availability] }`).join('\n')}\n`;
const phases = (...names: string[]) =>
  `  phases:\n${names.map((n) => `    - { name: "${n}" }`).join('\n')}\n`;
const withPhases = (...names: string[]) => base.replace('inventory:\n', `inventory:\n${phases(...names)}`);

describe('document file names are refused at validation when they would collide', () => {
  it.each([
    [
      'a report named like the assessment',
      reports(ASSESSMENT_STEM),
      '/rubric/reports/0/id',
      'the readiness assessment',
    ],
    [
      'two reports with one id',
      reports('SECURITY_AUDIT', 'SECURITY_AUDIT'),
      '/rubric/reports/1/id',
      'would overwrite report "SECURITY_AUDIT" (',
    ],
  ])('%s', async (_, extra, path, names) => {
    const message = await problemsOf(extra);
    expect(message).toContain(`policy.yaml ${path}: report`);
    expect(message).toContain(names);
  });

  it.each([
    ['results.json', "readyspec's own results.json"],
    ['Results.JSON', "readyspec's own results.json"],
    ['failing.csv', "readyspec's own failing.csv"],
    ['history.jsonl', "readyspec's own history.jsonl"],
    ['partial', "readyspec's own partial"],
    ['PRODUCTION_READY_ASSESSMENT_2026-11-23.md', 'the readiness assessment of that date'],
    ['service_health_report_2026-11-23.html', 'report "SERVICE_HEALTH_REPORT"'],
  ])('a phase named %s', async (name, why) => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-names-'));
    writeFileSync(join(dir, 'policy.yaml'), withPhases(name));
    const message = await loadPolicy(dir, { registry, today: '2026-11-23' }).then(
      () => '',
      (err: Error) => err.message,
    );
    expect(message).toContain(
      `policy.yaml /inventory/phases/0/name: phase "${name}": its folder would take the place of ${why}`,
    );
  });

  it('two phases whose folders differ only in case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-names-'));
    writeFileSync(join(dir, 'policy.yaml'), withPhases('go-live', 'Go-Live'));
    const message = await loadPolicy(dir, { registry, today: '2026-11-23' }).then(
      () => '',
      (err: Error) => err.message,
    );
    expect(message).toContain(
      'policy.yaml /inventory/phases/1/name: phase "Go-Live": its folder Go-Live/ is the folder of phase "go-live" (',
    );
    expect(message).toMatch(
      /policy\.yaml \/inventory\/phases\/0\/name\) \(names differ only in case\); choose another name/,
    );
  });

  it('distinct names load', async () => {
    expect(await problemsOf(reports('SECURITY_AUDIT', 'DR_STATUS'))).toBe('');
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-names-'));
    writeFileSync(join(dir, 'policy.yaml'), withPhases('phase-1', 'go-live', 'notes.md'));
    await expect(loadPolicy(dir, { registry, today: '2026-11-23' })).resolves.toBeDefined();
  });

  it("the reserved names are the reporters' own", () => {
    expect(RESERVED_NAMES).toEqual(
      expect.arrayContaining(['results.json', FAILING_CSV, SARIF_FILE, PROM_FILE]),
    );
    expect(assessmentFileName('2026-11-23')).toBe(`${ASSESSMENT_STEM}_2026-11-23.md`);
  });
});
