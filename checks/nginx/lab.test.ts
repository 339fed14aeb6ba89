/**
 * The nginx probes against the real WordPress lab over SSH: one lab with defects planted on
 * some sites, so each probe is seen passing (clean sites) and failing (planted ones), and the
 * faults that keep nginx from being read (no binary, no permission, garbage) are errors.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUDFLARE_RANGES } from '../../fixtures/lab/wordpress/index.ts';
import { wordPressProbeLab } from '../../fixtures/lab/wordpress/probe-lab.ts';
import type { ProbeResult } from '../probe.ts';
import { nginxProbes } from './probes.ts';

const lab = wordPressProbeLab(
  {
    address: '127.0.0.81',
    defects: {
      headerDroppingLocation: 'beta',
      serverTokensOn: 'alpha',
      autoindexUploads: 'gamma',
      realIpFromAnywhere: 'beta',
      legacyTls: 'gamma',
      noLoginRateLimit: 'alpha',
    },
  },
  nginxProbes,
  (wp) => ({ config: wp.layout.nginxConf }),
);
const check = lab.check;

/** outcome per subject, keyed by the site's name found in the subject. */
const bySite = (r: ProbeResult, tlsOnly = true) =>
  Object.fromEntries(
    (r.subjects ?? [])
      .filter((s) => !tlsOnly || s.subject.includes(' ssl'))
      .map((s) => [s.subject.split('.')[0], s.outcome]),
  );
const message = (r: ProbeResult, site: string) =>
  r.subjects?.find((s) => s.subject.startsWith(`${site}.`) && s.subject.includes(' ssl'))?.message ?? '';

describe('nginx probes on the WordPress lab', () => {
  it('names each server block by server_name and listen: six of them (HTTP redirect + TLS per site)', async () => {
    const r = await check('nginx.server-tokens');
    const alpha = lab.wp.sites[0];
    expect(r.subjects?.map((s) => s.subject)).toContain(
      `alpha.example.test ${alpha.address}:${alpha.httpsPort} ssl`,
    );
    expect(r.subjects).toHaveLength(6);
  });

  it.each([
    [
      'nginx.security-headers',
      {},
      { alpha: 'pass', beta: 'fail', gamma: 'pass' },
      'beta',
      /location ~\* .*Strict-Transport-Security.*its own add_header drops/,
    ],
    [
      'nginx.server-tokens',
      {},
      { alpha: 'fail', beta: 'pass', gamma: 'pass' },
      'alpha',
      /server_tokens on in server/,
    ],
    [
      'nginx.autoindex',
      {},
      { alpha: 'pass', beta: 'pass', gamma: 'fail' },
      'gamma',
      /autoindex on for \/wp-content\/uploads\/ \(location \/wp-content\/uploads\//,
    ],
    [
      'nginx.real-ip',
      { allowedProxies: CLOUDFLARE_RANGES },
      { alpha: 'pass', beta: 'fail', gamma: 'pass' },
      'beta',
      /trusts every address as a proxy: set_real_ip_from 0\.0\.0\.0\/0/,
    ],
    [
      'nginx.tls',
      { certificatePaths: ['/tmp/readyspec-wordpress-*/etc/letsencrypt/live/*/fullchain.pem'] },
      { alpha: 'pass', beta: 'pass', gamma: 'fail' },
      'gamma',
      /accepts TLSv1, TLSv1\.1/,
    ],
    [
      'nginx.limits',
      { maxBodySize: '16m' },
      { alpha: 'fail', beta: 'pass', gamma: 'pass' },
      'alpha',
      /no limit_req for \/wp-login\.php \(location = \/wp-login\.php\)/,
    ],
  ])('%s: clean sites pass, the planted one fails', async (name, params, expected, bad, why) => {
    const r = await check(name, params);
    expect(bySite(r)).toEqual(expected);
    expect(message(r, bad)).toMatch(why);
    expect(r.outcome).toBe('fail');
  });

  it('judges the HTTP redirect servers too: they inherit the globals, and only redirect', async () => {
    const headers = await check('nginx.security-headers');
    const plain = headers.subjects?.filter((s) => !s.subject.includes(' ssl')) ?? [];
    expect(plain.map((s) => s.outcome)).toEqual(['pass', 'pass', 'pass']);
    const limits = await check('nginx.limits');
    expect(limits.subjects?.filter((s) => !s.subject.includes(' ssl')).map((s) => s.outcome)).toEqual([
      'not-applicable',
      'not-applicable',
      'not-applicable',
    ]);
  });

  it('nginx.config-valid passes the lab and fails a configuration nginx rejects', async () => {
    expect((await check('nginx.config-valid')).outcome).toBe('pass');
    const broken = join(lab.wp.layout.nginxDir, 'broken.conf');
    copyFileSync(lab.wp.layout.nginxConf, broken);
    writeFileSync(
      broken,
      readFileSync(broken, 'utf8').replace(
        'worker_processes 1;',
        'worker_processes 1;\nno_such_directive on;',
      ),
    );
    const r = await check('nginx.config-valid', { config: broken });
    expect(r.outcome).toBe('fail');
    expect(r.message).toMatch(/unknown directive "no_such_directive"/);
  });
});

describe('nginx probes: what cannot be read is an error, never a verdict', () => {
  it.each(nginxProbes.map((p) => p.name))('%s without the nginx binary', async (name) => {
    const r = await check(name, { binary: '/nonexistent/nginx' });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/not found \(is nginx installed\?\)/);
    expect(r.subjects).toBeUndefined();
  });

  it.each(nginxProbes.map((p) => p.name))(
    '%s without permission to read the keys (no sudo)',
    async (name) => {
      const r = await check(name, {}, lab.wp.hostNoSudo);
      expect(r.outcome).toBe('error');
      expect(r.message).toMatch(/permission denied; audit with sudo/);
    },
  );

  it.each([
    ['a block never closed', '# configuration file /etc/nginx/nginx.conf:\nhttp {\n  server {\n'],
    ['no configuration at all', 'hello\n'],
    [
      'an include the dump lacks',
      '# configuration file /etc/nginx/nginx.conf:\nhttp { include /etc/nginx/x.conf; }\n',
    ],
  ])('nginx -T output that does not parse (%s) is an error', async (_what, output) => {
    const fake = join(lab.wp.dir, `fake-nginx-${Math.random().toString(36).slice(2)}`);
    writeFileSync(fake, `#!/bin/sh\ncat <<'EOF'\n${output}EOF\n`, { mode: 0o755 });
    const r = await check('nginx.security-headers', { binary: fake });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/cannot parse nginx -T output/);
  });
});
