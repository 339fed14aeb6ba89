/**
 * Log-rotation and renewal probes against the real WordPress lab over SSH: the logs named by
 * the lab's nginx and PHP-FPM, its logrotate configuration and state, certbot's renewal layout.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { startWordPressLab, type WordPressLab } from '../../fixtures/lab/wordpress/index.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { logsProbes } from './probes.ts';

let wp: WordPressLab;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  wp = await startWordPressLab({
    address: '127.0.0.101',
    defects: { missingPoolLogRotation: true, staleRotation: 'beta', noRenewalConfig: 'gamma' },
  });
  ctx = labContext({ baseDir: wp.dir, inventory: { hosts: [wp.host, wp.hostNoSudo] }, probes: logsProbes });
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await wp?.stop();
});

const paths = () => ({
  nginxConfig: wp.layout.nginxConf,
  fpmConfig: wp.layout.fpmConf,
  logrotateConfig: wp.layout.logrotateConf,
  state: wp.layout.logrotateState,
});
const check = (
  name: string,
  params: Record<string, unknown>,
  host: HostEntry = wp.host,
): Promise<ProbeResult> => {
  const probe = logsProbes.find((p) => p.name === name);
  if (!probe) throw new Error(`no probe ${name}`);
  return probe.run(ctx, host, params as never);
};
const failed = (r: ProbeResult) =>
  (r.subjects ?? [])
    .filter((s) => s.outcome === 'fail')
    .map((s) => s.subject)
    .sort();

describe('log and renewal probes on the WordPress lab', () => {
  it('logs.rotation-coverage: nginx logs and the master log are covered, the pools’ logs are not', async () => {
    const r = await check('logs.rotation-coverage', paths());
    const pools = wp.sites.flatMap((s) => [s.phpErrorLog, s.slowLog]).sort();
    expect(failed(r)).toEqual(pools);
    const passed = (r.subjects ?? []).filter((s) => s.outcome === 'pass').map((s) => s.subject);
    expect(passed).toEqual(
      expect.arrayContaining([
        wp.layout.fpmLog,
        wp.sites[0].accessLog,
        join(wp.layout.nginxLogDir, 'error.log'),
      ]),
    );
    expect(r.subjects?.find((s) => s.subject === wp.sites[0].slowLog)?.message).toMatch(
      /php-fpm pool alpha slowlog\): no logrotate rule covers it/,
    );
  });

  it('logs.rotation-recent: only the site whose rotation stopped while it served is overdue', async () => {
    const r = await check('logs.rotation-recent', paths());
    const beta = wp.sites[1];
    expect(failed(r)).toEqual([beta.accessLog, beta.errorLog].sort());
    expect(r.subjects?.find((s) => s.subject === beta.accessLog)?.message).toMatch(
      /rotation has not run for 3\d days/,
    );
    expect(r.subjects?.find((s) => s.subject === wp.sites[0].accessLog)?.outcome).toBe('pass');
  });

  it('logs.renewal-configs: one subject per served certificate, the one without a renewal configuration fails', async () => {
    const r = await check('logs.renewal-configs', {
      nginxConfig: wp.layout.nginxConf,
      renewalDir: join(wp.layout.letsencrypt, 'renewal'),
    });
    expect(r.subjects?.map((s) => s.outcome)).toEqual(['pass', 'pass', 'fail']);
    expect(failed(r)).toEqual([join(wp.sites[2].live, 'fullchain.pem')]);
  });

  it('logs.renewal-scheduled: the certbot cron entry passes; cron files without one fail', async () => {
    expect((await check('logs.renewal-scheduled', { cronPaths: [wp.layout.cronDir] })).outcome).toBe('pass');
    const none = await check('logs.renewal-scheduled', { cronPaths: [wp.layout.logrotateDir] });
    expect([none.outcome, none.message]).toEqual([
      'fail',
      expect.stringMatching(/no certificate renewal scheduled/),
    ]);
  });
});

describe('log and renewal probes: what cannot be read is an error', () => {
  it.each(['logs.rotation-coverage', 'logs.rotation-recent', 'logs.renewal-configs'])(
    '%s without sudo (nginx keys are root’s)',
    async (name) => {
      const r = await check(
        name,
        { ...paths(), renewalDir: join(wp.layout.letsencrypt, 'renewal') },
        wp.hostNoSudo,
      );
      expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
      expect(r.message).toMatch(/permission denied; audit with sudo/);
    },
  );

  it('a logrotate configuration that is not one is an error, not "nothing covered"', async () => {
    const r = await check('logs.rotation-coverage', { ...paths(), logrotateConfig: wp.layout.nginxConf });
    expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
    expect(r.message).toMatch(/logrotate -d exited/);
  });
});
