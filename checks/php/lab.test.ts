/**
 * The PHP-FPM probes against the real WordPress lab over SSH (one php-fpm8.2 master, a pool per
 * site, defects planted on some pools), and the faults that keep the pools from being read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISABLED_FUNCTIONS } from '../../fixtures/lab/wordpress/index.ts';
import { wordPressProbeLab } from '../../fixtures/lab/wordpress/probe-lab.ts';
import type { ProbeResult } from '../probe.ts';
import { phpProbes } from './probes.ts';

const lab = wordPressProbeLab(
  {
    address: '127.0.0.91',
    defects: {
      poolAsWebUser: 'beta',
      worldWritableSocket: 'gamma',
      unboundedPool: 'beta',
      sharedTempDirs: 'gamma',
      exposePhp: 'alpha',
      noDisabledFunctions: 'beta',
    },
  },
  phpProbes,
  (wp) => ({ config: wp.layout.fpmConf, phpIni: wp.layout.phpIni }),
);
const check = lab.check;

const outcomes = (r: ProbeResult) =>
  Object.fromEntries((r.subjects ?? []).map((s) => [s.subject, s.outcome]));
const said = (r: ProbeResult, pool: string) => r.subjects?.find((s) => s.subject === pool)?.message ?? '';

describe('PHP-FPM probes on the WordPress lab', () => {
  it.each([
    [
      'php.pool-user',
      {},
      { alpha: 'pass', beta: 'fail', gamma: 'pass' },
      'beta',
      /runs as the web server's user www-data/,
    ],
    [
      'php.pool-socket',
      {},
      { alpha: 'pass', beta: 'pass', gamma: 'fail' },
      'gamma',
      /listen\.mode 0666 lets everyone write; socket file is mode 666/,
    ],
    [
      'php.pool-limits',
      { maxChildren: 20 },
      { alpha: 'pass', beta: 'fail', gamma: 'pass' },
      'beta',
      /pm\.max_children 50 above 20; request_terminate_timeout not set/,
    ],
    [
      'php.pool-isolation',
      {},
      { alpha: 'pass', beta: 'pass', gamma: 'fail' },
      'gamma',
      /open_basedir not set.*session\.save_path \/tmp is shared by every site/,
    ],
    [
      'php.pool-hardening',
      { disableFunctions: ['exec', 'system'] },
      { alpha: 'fail', beta: 'fail', gamma: 'pass' },
      'beta',
      /not disabled: exec, system/,
    ],
  ])('%s: clean pools pass, the planted one fails', async (name, params, expected, bad, why) => {
    const r = await check(name, params);
    expect(outcomes(r)).toEqual(expected);
    expect(said(r, bad)).toMatch(why);
  });

  it("reads expose_php from the pool, and from php.ini where the pool leaves it (the lab's php.ini: Off)", async () => {
    const r = await check('php.pool-hardening', { disableFunctions: DISABLED_FUNCTIONS });
    expect(said(r, 'alpha')).toMatch(/expose_php 1$/);
    expect(r.subjects?.find((s) => s.subject === 'gamma')?.evidence.observed).toMatchObject({
      expose_php: 'Off',
    });
  });
});

describe('PHP-FPM probes: what cannot be read is an error, never a verdict', () => {
  it.each(phpProbes.map((p) => p.name))('%s without the php-fpm binary', async (name) => {
    const r = await check(name, { binary: '/nonexistent/php-fpm8.2' });
    expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
    expect(r.message).toMatch(/not found \(is PHP-FPM installed\?\)/);
  });

  it.each(phpProbes.map((p) => p.name))(
    '%s without permission (no sudo: the master log is root’s)',
    async (name) => {
      const r = await check(name, {}, lab.wp.hostNoSudo);
      expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
      expect(r.message).toMatch(/permission denied; audit with sudo/);
    },
  );

  it('output that is not php-fpm -tt is an error', async () => {
    const fake = join(lab.wp.dir, 'fake-php-fpm');
    writeFileSync(fake, '#!/bin/sh\necho "[02-Dec-2026 07:56:07] NOTICE: hello"; echo "<html>"\n', {
      mode: 0o755,
    });
    const r = await check('php.pool-user', { binary: fake });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/cannot parse php-fpm -tt output/);
  });
});
