/**
 * The PHP-FPM probes against the real WordPress lab over SSH (one php-fpm8.2 master, a pool per
 * site, defects planted on some pools), and the faults that keep the pools from being read.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import {
  DISABLED_FUNCTIONS,
  startWordPressLab,
  type WordPressLab,
} from '../../fixtures/lab/wordpress/index.ts';
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { phpProbes } from './probes.ts';

let wp: WordPressLab;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  wp = await startWordPressLab({
    address: '127.0.0.91',
    defects: {
      poolAsWebUser: 'beta',
      worldWritableSocket: 'gamma',
      unboundedPool: 'beta',
      sharedTempDirs: 'gamma',
      exposePhp: 'alpha',
      noDisabledFunctions: 'beta',
    },
  });
  ctx = labContext({ baseDir: wp.dir, inventory: { hosts: [wp.host, wp.hostNoSudo] }, probes: phpProbes });
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  await wp?.stop();
});

const check = (
  name: string,
  params: Record<string, unknown> = {},
  host: HostEntry = wp.host,
): Promise<ProbeResult> => {
  const probe = phpProbes.find((p) => p.name === name);
  if (!probe) throw new Error(`no probe ${name}`);
  return probe.run(ctx, host, { config: wp.layout.fpmConf, phpIni: wp.layout.phpIni, ...params } as never);
};
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
      const r = await check(name, {}, wp.hostNoSudo);
      expect([r.outcome, r.subjects]).toEqual(['error', undefined]);
      expect(r.message).toMatch(/permission denied; audit with sudo/);
    },
  );

  it('output that is not php-fpm -tt is an error', async () => {
    const fake = join(wp.dir, 'fake-php-fpm');
    writeFileSync(fake, '#!/bin/sh\necho "[02-Dec-2026 07:56:07] NOTICE: hello"; echo "<html>"\n', {
      mode: 0o755,
    });
    const r = await check('php.pool-user', { binary: fake });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/cannot parse php-fpm -tt output/);
  });
});
