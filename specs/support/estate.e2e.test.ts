/**
 * The planted-defect estate through `npm test`: two SSH hosts with their Docker engines, an
 * nginx front, Prometheus and Alertmanager, repositories, documents, backups and sign-offs
 * (fixtures/estate). The run's every results.json row is checked against truth.yaml: every
 * planted defect found, no false failure, no row the table does not account for.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSecretIn, expectTruthHolds } from '../../fixtures/estate/expect-truth.ts';
import { ESTATE_TRUTH, type Estate, startEstate } from '../../fixtures/estate/start.ts';
import { compareTruth, loadTruth, renderComparison, summarise } from '../../fixtures/estate/truth.ts';
import { ensureLabUser } from '../../fixtures/lab/ssh-lab.ts';

const root = resolve(import.meta.dirname, '../..');
let estate: Estate;

beforeAll(async () => {
  ensureLabUser();
  estate = await startEstate();
}, 120_000);

afterAll(async () => {
  await estate?.stop();
});

describe('planted-defect estate, through npm test', () => {
  it('finds every planted defect, fails nothing that is sound, and accounts for every row', () => {
    const reports = join(estate.dir, 'reports');
    const phaseOne = readFileSync(estate.content.phases['phase-1'], 'utf8');
    const run = spawnSync('npm', ['test', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 150_000,
      // 15 s per call: the hung legacy API costs exactly that, and on the shared 2-core CI
      // machine (load ~18 seen) 5 s lost every docker-over-SSH listing to a timeout.
      env: {
        ...process.env,
        READYSPEC_POLICY: estate.policyDir,
        READYSPEC_REPORTS: reports,
        READYSPEC_TIMEOUT_MS: '15000',
      },
    });
    expect(run.stdout + run.stderr).toMatch(/Grade/);
    const day = readdirSync(reports).find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
    expect(day, 'a dated report folder').toBeDefined();
    const text = readFileSync(join(reports, day as string, 'results.json'), 'utf8');
    const results = JSON.parse(text);
    const verdicts = compareTruth(loadTruth(ESTATE_TRUTH, estate.vars), results.controls);
    const summary = summarise(verdicts, results.controls);
    process.stdout.write(
      `\n--- planted-defect estate vs truth.yaml ---\n${renderComparison(verdicts, summary)}`,
    );

    // The credentials committed in infra never reach a document.
    const folder = join(reports, day as string);
    expectNoSecretIn(folder, estate.content.secrets);

    // The sign-off the acceptance check read is the one every document shows; a filled one is kept verbatim.
    expect(readFileSync(estate.content.phases['phase-1'], 'utf8')).toBe(phaseOne);
    expect(readFileSync(join(folder, 'phase-1', 'USER_ACCEPTANCE.md'), 'utf8')).toMatch(
      /Dana Reyes[\s\S]*accepted/,
    );
    expect(readFileSync(join(folder, 'phase-2', 'USER_ACCEPTANCE.md'), 'utf8')).not.toMatch(/Dana Reyes/);

    expectTruthHolds(verdicts, summary, { minPlanted: 25, minMustPass: 20 });
  }, 180_000);
});
