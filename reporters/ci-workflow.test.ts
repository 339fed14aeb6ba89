/** The shipped nightly workflow keeps what readyspec needs from night to night, in that order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { expect, it } from 'vitest';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

it('restores the previous reports, audits, saves and uploads them, and uploads the SARIF', () => {
  const file = join(import.meta.dirname, '..', '.github', 'workflows', 'readiness.yml');
  const wf = yaml.load(readFileSync(file, 'utf8')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: { audit: { steps: Step[] } };
  };
  expect(wf.on.schedule).toBeDefined();
  expect(wf.permissions['security-events']).toBe('write');
  const steps = wf.jobs.audit.steps;
  const at = (match: (s: Step) => boolean) => steps.findIndex(match);
  const restore = at((s) => s.uses?.startsWith('actions/cache/restore@') === true);
  const fallback = at((s) => s.run?.includes('gh run download') === true);
  const audit = at((s) => s.run === 'npm test');
  const save = at((s) => s.uses?.startsWith('actions/cache/save@') === true);
  const upload = at((s) => s.uses?.startsWith('actions/upload-artifact@') === true);
  const sarif = at((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
  for (const i of [restore, fallback, audit, save, upload, sarif]) expect(i).toBeGreaterThanOrEqual(0);
  expect(restore).toBeLessThan(audit);
  expect(fallback).toBeLessThan(audit);
  expect([save, upload, sarif].every((i) => i > audit && steps[i]?.if?.startsWith('always()'))).toBe(true);
  expect(steps[restore]?.with?.path).toBe('reports');
  expect(steps[save]?.with?.path).toBe('reports');
  // The restored key is a prefix of every saved one (a cache key is written once).
  expect(String(steps[save]?.with?.key).startsWith(String(steps[restore]?.with?.['restore-keys']))).toBe(
    true,
  );
});
