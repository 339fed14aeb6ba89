/**
 * backup.sites against the shared WordPress lab's real dumps and archives over SSH: alpha whole,
 * beta's dump cut mid-stream (still valid gzip: no completion marker), gamma's dump bytes cut
 * (gzip -t fails) and its archive old; then every site's backups moved into one directory.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { startWordPressLab, type WordPressLab } from '../../fixtures/lab/wordpress/index.ts';
import { cutFile, shareBackups, truncateDump } from '../../fixtures/lab/wordpress-extra.ts';
import type { ProbeResult } from '../probe.ts';
import { backupProbes } from './probes.ts';

let wp: WordPressLab;

beforeAll(async () => {
  wp = await startWordPressLab();
}, 180_000);
afterAll(async () => {
  await wp?.stop();
});

async function run(params: Record<string, unknown>): Promise<ProbeResult> {
  const ctx = labContext({ baseDir: wp.dir, inventory: { hosts: [wp.host] }, probes: backupProbes });
  try {
    return await (backupProbes
      .find((p) => p.name === 'backup.sites')
      ?.run(ctx, wp.host as never, params as never) as Promise<ProbeResult>);
  } finally {
    await ctx.close();
  }
}

const params = () => ({
  sites: wp.sites.map((s) => s.name),
  directory: join(wp.dir, 'var/backups/sites/{site}'),
  maxAgeHours: 26,
});
const outcomes = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
const message = (r: ProbeResult, site: string) => r.subjects?.find((s) => s.subject === site)?.message ?? '';

describe('backup.sites', () => {
  it('passes whole, recent, per-site backups, then finds truncation, corruption, age and one shared directory', async () => {
    expect(outcomes(await run(params()))).toEqual({ alpha: 'pass', beta: 'pass', gamma: 'pass' });

    const [, beta, gamma] = wp.backups;
    truncateDump(beta?.dump ?? '');
    cutFile(gamma?.dump ?? '');
    const old = new Date(Date.now() - 72 * 3_600_000);
    utimesSync(gamma?.archive ?? '', old, old);
    const broken = await run(params());
    expect(outcomes(broken)).toEqual({ alpha: 'pass', beta: 'fail', gamma: 'fail' });
    expect(message(broken, 'beta')).toMatch(/truncated \(no "-- Dump completed"/);
    expect(message(broken, 'gamma')).toMatch(/gzip -t fails/);
    expect(message(broken, 'gamma')).toMatch(/archive .* is 7\d h old/);

    shareBackups(wp.sites, join(wp.dir, 'var/backups/all-sites'));
    const shared = await run(params());
    expect(outcomes(shared).alpha).toBe('fail');
    expect(message(shared, 'alpha')).toMatch(/same directory as beta, gamma/);

    const missing = await run({ ...params(), sites: ['nosuch'] });
    expect(outcomes(missing)).toEqual({ nosuch: 'fail' });
  }, 120_000);
});
