/**
 * Log-rotation and renewal probes against the real WordPress lab over SSH: the logs named by
 * the lab's nginx and PHP-FPM, its logrotate configuration and state, certbot's renewal layout.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordPressProbeLab } from '../../fixtures/lab/wordpress/probe-lab.ts';
import type { ProbeResult } from '../probe.ts';
import { logsProbes } from './probes.ts';

const lab = wordPressProbeLab(
  {
    address: '127.0.0.101',
    defects: { missingPoolLogRotation: true, staleRotation: 'beta', noRenewalConfig: 'gamma' },
  },
  logsProbes,
);
const check = lab.check;

const paths = () => ({
  nginxConfig: lab.wp.layout.nginxConf,
  fpmConfig: lab.wp.layout.fpmConf,
  logrotateConfig: lab.wp.layout.logrotateConf,
  state: lab.wp.layout.logrotateState,
});
const failed = (r: ProbeResult) =>
  (r.subjects ?? [])
    .filter((s) => s.outcome === 'fail')
    .map((s) => s.subject)
    .sort();

describe('log and renewal probes on the WordPress lab', () => {
  it('logs.rotation-coverage: nginx logs and the master log are covered, the pools’ logs are not', async () => {
    const r = await check('logs.rotation-coverage', paths());
    const pools = lab.wp.sites.flatMap((s) => [s.phpErrorLog, s.slowLog]).sort();
    expect(failed(r)).toEqual(pools);
    const passed = (r.subjects ?? []).filter((s) => s.outcome === 'pass').map((s) => s.subject);
    expect(passed).toEqual(
      expect.arrayContaining([
        lab.wp.layout.fpmLog,
        lab.wp.sites[0].accessLog,
        join(lab.wp.layout.nginxLogDir, 'error.log'),
      ]),
    );
    expect(r.subjects?.find((s) => s.subject === lab.wp.sites[0].slowLog)?.message).toMatch(
      /php-fpm pool alpha slowlog\): no logrotate rule covers it/,
    );
  });

  it('logs.rotation-recent: only the site whose rotation stopped while it served is overdue', async () => {
    const r = await check('logs.rotation-recent', paths());
    const beta = lab.wp.sites[1];
    expect(failed(r)).toEqual([beta.accessLog, beta.errorLog].sort());
    expect(r.subjects?.find((s) => s.subject === beta.accessLog)?.message).toMatch(
      /rotation has not run for 3\d days/,
    );
    expect(r.subjects?.find((s) => s.subject === lab.wp.sites[0].accessLog)?.outcome).toBe('pass');
  });

  it('logs.renewal-configs: one subject per served certificate, the one without a renewal configuration fails', async () => {
    const r = await check('logs.renewal-configs', {
      nginxConfig: lab.wp.layout.nginxConf,
      renewalDir: join(lab.wp.layout.letsencrypt, 'renewal'),
    });
    expect(r.subjects?.map((s) => s.outcome)).toEqual(['pass', 'pass', 'fail']);
    expect(failed(r)).toEqual([join(lab.wp.sites[2].live, 'fullchain.pem')]);
  });

  it('logs.renewal-scheduled: the certbot cron entry passes; cron files without one fail', async () => {
    expect((await check('logs.renewal-scheduled', { cronPaths: [lab.wp.layout.cronDir] })).outcome).toBe(
      'pass',
    );
    const none = await check('logs.renewal-scheduled', { cronPaths: [lab.wp.layout.logrotateDir] });
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
        { ...paths(), renewalDir: join(lab.wp.layout.letsencrypt, 'renewal') },
        lab.wp.hostNoSudo,
      );
      expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
      expect(r.message).toMatch(/permission denied; audit with sudo/);
    },
  );

  it('a logrotate configuration that is not one is an error, not "nothing covered"', async () => {
    const r = await check('logs.rotation-coverage', { ...paths(), logrotateConfig: lab.wp.layout.nginxConf });
    expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
    expect(r.message).toMatch(/logrotate -d exited/);
  });
});
