/**
 * The WordPress probes against the shared WordPress lab: files over SSH (with sudo, and as the
 * audit user alone), each site over HTTPS. Planted per site so every probe has passing and
 * failing subjects: alpha world-readable wp-config.php and leftovers in its web root; beta
 * WP_DEBUG shown to visitors, uploads listed, users enumerable, a salt shared with gamma;
 * gamma the file editor on, a placeholder salt, a default database password, WordPress 5.8.1,
 * readme.html, xmlrpc.php and the generator tag left in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { startWordPressLab, type WordPressLab } from '../../fixtures/lab/wordpress/index.ts';
import {
  hardenSite,
  plantLeftovers,
  setConfigMode,
  setCoreVersion,
  siteEndpoint,
} from '../../fixtures/lab/wordpress-extra.ts';
import type { EndpointEntry, HostEntry } from '../../policies/types.ts';
import type { ProbeResult } from '../probe.ts';
import { wordpressProbes } from './probes.ts';

const SHARED_SALT = 'shared-between-beta-and-gamma-0123456789abcdefghijklmnopqrstuvwxyz';
let wp: WordPressLab;
let endpoints: EndpointEntry[];
let roots: Record<string, string>;

beforeAll(async () => {
  wp = await startWordPressLab({
    defects: { autoindexUploads: 'beta' },
    wpDefines: {
      beta: { WP_DEBUG: true, WP_DEBUG_DISPLAY: true, NONCE_SALT: SHARED_SALT },
      gamma: {
        DISALLOW_FILE_EDIT: false,
        AUTH_KEY: 'put your unique phrase here',
        NONCE_SALT: SHARED_SALT,
        DB_PASSWORD: 'password',
      },
    },
    mariadbSql: ["ALTER USER 'wp_gamma'@'localhost' IDENTIFIED BY 'password'"],
  });
  const [alpha, beta, gamma] = wp.sites as [
    WordPressLab['sites'][number],
    WordPressLab['sites'][number],
    WordPressLab['sites'][number],
  ];
  hardenSite(alpha);
  hardenSite(beta, ['readme', 'xmlrpc', 'generator']);
  hardenSite(gamma, ['enumeration']);
  setConfigMode(alpha, 0o644);
  plantLeftovers(alpha, ['wp-config.php.bak', 'alpha.sql'], wp.backups[0]?.dump ?? '');
  setCoreVersion(gamma, '5.8.1');
  endpoints = wp.sites.map((s) => siteEndpoint(wp, s));
  roots = Object.fromEntries(wp.sites.map((s) => [s.name, s.docroot]));
}, 180_000);
afterAll(async () => {
  await wp?.stop();
});

async function run(
  check: string,
  params: Record<string, unknown>,
  target: HostEntry | EndpointEntry,
): Promise<ProbeResult> {
  const ctx = labContext({
    baseDir: wp.dir,
    inventory: { hosts: [wp.host, wp.hostNoSudo], endpoints },
    probes: wordpressProbes,
  });
  try {
    const probe = wordpressProbes.find((p) => p.name === check);
    if (!probe) throw new Error(check);
    return await probe.run(ctx, target as never, params as never);
  } finally {
    await ctx.close();
  }
}

/** Outcome per site name, from subjects named by the site's root. */
const bySite = (r: ProbeResult) =>
  Object.fromEntries(
    (r.subjects ?? []).map((s) => [
      Object.entries(roots).find(([, root]) => root === s.subject)?.[0] ?? s.subject,
      s.outcome,
    ]),
  );

const sites = () => ({ sites: [`${wp.dir}/srv/www/*`] });

describe('WordPress files over SSH', () => {
  it.each([
    ['wordpress.config-access', {}, { alpha: 'fail', beta: 'pass', gamma: 'pass' }],
    ['wordpress.debug', {}, { alpha: 'pass', beta: 'fail', gamma: 'pass' }],
    ['wordpress.file-edit', {}, { alpha: 'pass', beta: 'pass', gamma: 'fail' }],
    ['wordpress.salts', {}, { alpha: 'pass', beta: 'fail', gamma: 'fail' }],
    ['wordpress.db-credentials', {}, { alpha: 'pass', beta: 'pass', gamma: 'fail' }],
    ['wordpress.core-version', { minVersion: '6.1' }, { alpha: 'pass', beta: 'pass', gamma: 'fail' }],
  ])(
    '%s judges each site',
    async (check, params, expected) => {
      const r = await run(check, { ...sites(), ...params }, wp.host);
      expect(bySite(r)).toEqual(expected);
      // Secrets never in evidence or messages.
      const text = JSON.stringify(r);
      for (const s of wp.sites) expect(text).not.toContain(s.dbPassword);
      expect(text).not.toContain(SHARED_SALT);
    },
    60_000,
  );

  it('names what is wrong', async () => {
    const salts = await run('wordpress.salts', sites(), wp.host);
    const gamma = salts.subjects?.find((s) => s.subject === roots.gamma);
    expect(gamma?.message).toMatch(/AUTH_KEY is the sample's placeholder/);
    expect(gamma?.message).toMatch(/NONCE_SALT is also used by .*beta/);
    const debug = await run('wordpress.debug', sites(), wp.host);
    expect(debug.subjects?.find((s) => s.subject === roots.beta)?.message).toMatch(/shown to visitors/);
  }, 60_000);

  it('is error for each site the audit user may not read (no sudo), never a site left out', async () => {
    const r = await run('wordpress.debug', sites(), wp.hostNoSudo);
    // The site roots are 750 (their users' and the web server's): nothing inside can be read.
    expect(bySite(r), r.message).toEqual({ alpha: 'error', beta: 'error', gamma: 'error' });
    expect(r.subjects?.find((s) => s.subject === roots.beta)?.message).toMatch(/Permission denied/);
    const none = await run('wordpress.debug', { sites: ['/nonexistent/*'] }, wp.host);
    expect(none.outcome).toBe('not-applicable');
  }, 60_000);
});

describe('WordPress sites over HTTPS', () => {
  it.each([
    ['wordpress.xmlrpc', { alpha: 'pass', beta: 'pass', gamma: 'fail' }],
    ['wordpress.version-exposure', { alpha: 'pass', beta: 'pass', gamma: 'fail' }],
    ['wordpress.uploads-listing', { alpha: 'pass', beta: 'fail', gamma: 'pass' }],
    ['wordpress.leftovers', { alpha: 'fail', beta: 'pass', gamma: 'pass' }],
    ['wordpress.user-enumeration', { alpha: 'pass', beta: 'fail', gamma: 'pass' }],
  ])(
    '%s judges each site',
    async (check, expected) => {
      const got: Record<string, string> = {};
      const messages: string[] = [];
      for (const e of endpoints) {
        const r = await run(check, {}, e);
        got[e.name] = r.outcome;
        messages.push(r.message);
      }
      expect(got, messages.join('\n')).toEqual(expected);
    },
    60_000,
  );

  it('names the leftovers and the enumerated user', async () => {
    const [alpha, beta] = endpoints as [EndpointEntry, EndpointEntry];
    expect((await run('wordpress.leftovers', {}, alpha)).message).toMatch(
      /wp-config\.php\.bak \(PHP source\).*alpha\.sql \(an SQL dump\)/,
    );
    expect((await run('wordpress.user-enumeration', {}, beta)).message).toMatch(/"admin"/);
  }, 60_000);

  it('is error when the site cannot be reached', async () => {
    const dead = { ...(endpoints[0] as EndpointEntry), name: 'dead', url: 'https://127.0.0.1:1/' };
    for (const check of ['wordpress.xmlrpc', 'wordpress.leftovers', 'wordpress.user-enumeration']) {
      const r = await run(check, {}, dead);
      expect(r.outcome, check).toBe('error');
    }
  }, 60_000);
});
