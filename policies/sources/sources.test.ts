/**
 * Each source kind against a local HTTP server or files written by the test: pagination
 * (next URL, Link header, page numbers), auth by env, the item → entry mapping with groups,
 * and every failure named after its source.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSources } from './resolve.ts';
import type { InventorySource, SourceContext } from './types.ts';

const TOKEN = 'lab-token-4f9a2c7e1b';
const dir = mkdtempSync(join(tmpdir(), 'readyspec-sources-'));
let server: Server;
let base = '';
const tenants = Array.from({ length: 25 }, (_, i) => ({
  id: `t${i}`,
  name: `tenant-${i}`,
  tier: ['gold', 'silver', 'bronze'][i % 3],
  shard: String(i % 4).padStart(3, '0'),
  sites: [{ domain: `s${i}a.example` }, { domain: `s${i}b.example` }],
}));

function route(req: IncomingMessage): { status: number; body: unknown; headers?: Record<string, string> } {
  const url = new URL(req.url ?? '/', base);
  if (url.pathname === '/traefik/api/http/routers') return { status: 200, body: traefikRouters };
  if (url.pathname === '/prom/api/v1/targets') return { status: 200, body: promTargets };
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return { status: 401, body: { error: 'unauthorized' } };
  const page = Number(url.searchParams.get('page') ?? 1);
  const slice = tenants.slice((page - 1) * 10, page * 10);
  if (url.pathname === '/next')
    return {
      status: 200,
      body: { data: slice, next: slice.length === 10 ? `/next?page=${page + 1}` : null },
    };
  if (url.pathname === '/link')
    return {
      status: 200,
      body: slice,
      headers: slice.length === 10 ? { link: `<${base}/link?page=${page + 1}>; rel="next"` } : {},
    };
  if (url.pathname === '/pages') return { status: 200, body: { items: slice } };
  if (url.pathname === '/loop') return { status: 200, body: { data: [], next: '/loop' } };
  if (url.pathname === '/elsewhere') return { status: 200, body: { data: [], next: 'http://127.0.0.2:1/x' } };
  return { status: 404, body: { error: 'no such path' } };
}

const traefikRouters = [
  {
    name: 'app@docker',
    rule: 'Host(`app.example`) && PathPrefix(`/api`)',
    middlewares: ['auth@file'],
    entryPoints: ['websecure'],
    provider: 'docker',
    tls: {},
  },
  {
    name: 'web@docker',
    rule: 'Host(`www.example`, `example`) || Host(`old.example`)',
    entryPoints: ['web'],
    provider: 'docker',
  },
  { name: 'any@file', rule: 'HostRegexp(`{sub:[a-z]+}.example`)', entryPoints: ['web'], provider: 'file' },
];
const promTargets = {
  status: 'success',
  data: {
    activeTargets: [
      { labels: { job: 'node', instance: '10.0.0.5:9100' }, scrapeUrl: 'http://10.0.0.5:9100/metrics' },
      { labels: { job: 'cadvisor', instance: '10.0.0.5:8080' }, scrapeUrl: 'http://10.0.0.5:8080/metrics' },
      {
        labels: { job: 'blackbox', instance: 'https://shop.example/', shard: 'shard-002' },
        scrapeUrl: 'http://bb:9115/probe',
      },
    ],
  },
};

const ctx: SourceContext = {
  baseDir: dir,
  timeoutMs: 5000,
  secret: (ref) => ('env' in ref ? (process.env[ref.env] ?? '') : ''),
};

// Started before the tables below are built: they name its URL.
process.env.SOURCES_TEST_TOKEN = TOKEN;
server = createServer((req, res) => {
  const r = route(req);
  res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
  res.end(JSON.stringify(r.body));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const http = (path: string, extra: Partial<InventorySource> = {}): InventorySource =>
  ({
    name: 'control-plane',
    kind: 'http',
    url: `${base}${path}`,
    auth: { bearer: { env: 'SOURCES_TEST_TOKEN' } },
    as: 'endpoints',
    expand: { path: 'sites', as: 'site' },
    map: {
      name: '{{site.domain}}',
      url: 'https://{{site.domain}}/',
      groups: ['shard-{{shard}}', 'tenant-{{name}}', 'tier-{{tier}}'],
    },
    ...extra,
  }) as InventorySource;

describe('http source', () => {
  it.each([
    ['next URL in the body', http('/next', { items: 'data', pagination: { next: 'next' } } as never)],
    ['Link header', http('/link', { pagination: { link: true } } as never)],
    [
      'page numbers',
      http('/pages', { items: 'items', pagination: { page: { param: 'page', size: 10 } } } as never),
    ],
  ])('%s: every page, one endpoint per site with shard, tenant and tier groups', async (_, source) => {
    const { resolved, failures } = await resolveSources([source], ctx, {});
    expect(failures).toEqual([]);
    const endpoints = resolved[0]?.endpoints ?? [];
    expect(endpoints).toHaveLength(50);
    expect(endpoints[5]).toEqual({
      name: 's2b.example',
      url: 'https://s2b.example/',
      groups: ['shard-002', 'tenant-tenant-2', 'tier-bronze'],
    });
  });

  it.each([
    [
      'refused auth',
      http('/next', { auth: undefined, items: 'data' } as never),
      /HTTP 401 \(check the source's auth/,
    ],
    [
      'a pagination loop',
      http('/loop', { items: 'data', pagination: { next: 'next' } } as never),
      /sent this page twice/,
    ],
    [
      'a next page on another origin',
      http('/elsewhere', { items: 'data', pagination: { next: 'next' } } as never),
      /another origin/,
    ],
    ['items not a list', http('/next', { items: 'nothing' } as never), /"nothing" is not a list/],
    [
      'a template reading nothing',
      http('/next', { items: 'data', map: { name: '{{site.nope}}', url: 'x' } } as never),
      /50 of 10 items|items cannot be mapped: item 0: name: \{\{site.nope\}\} is missing/,
    ],
    [
      'nothing listening',
      { ...http('/next'), url: 'http://127.0.0.1:1/tenants' } as InventorySource,
      /127\.0\.0\.1:1/,
    ],
  ])('%s: one failure naming the source', async (_, source, message) => {
    const { resolved, failures } = await resolveSources([source], ctx, {});
    expect(resolved).toEqual([]);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.source.name).toBe('control-plane');
    expect(failures[0]?.message).toMatch(message);
  });
});

describe('traefik and prometheus sources', () => {
  it('routers: one endpoint per Host, path kept, middlewares as groups, HostRegexp noted', async () => {
    const { resolved } = await resolveSources(
      [{ name: 'edge', kind: 'traefik', url: `${base}/traefik` }],
      ctx,
      {},
    );
    const got = resolved[0];
    expect(got?.endpoints.map((e) => [e.name, e.url])).toEqual([
      ['app.example-api', 'https://app.example/api'],
      ['www.example', 'http://www.example/'],
      ['example', 'http://example/'],
      ['old.example', 'http://old.example/'],
    ]);
    expect(got?.endpoints[0]?.groups).toEqual(['middleware-auth', 'entrypoint-websecure', 'provider-docker']);
    expect(got?.notes.join()).toMatch(/any@file: HostRegexp/);
  });

  it('targets as hosts: one host per address with each job as a group; as endpoints: the probed URL', async () => {
    const hosts = await resolveSources(
      [{ name: 'p', kind: 'prometheus', url: `${base}/prom`, as: 'hosts' }],
      ctx,
      {},
    );
    expect(hosts.resolved[0]?.hosts).toEqual([
      { name: '10.0.0.5', address: '10.0.0.5', groups: ['job-node', 'job-cadvisor'] },
      { name: 'shop.example', address: 'shop.example', groups: ['job-blackbox'] },
    ]);
    const eps = await resolveSources(
      [
        {
          name: 'p',
          kind: 'prometheus',
          url: `${base}/prom`,
          as: 'endpoints',
          jobs: ['blackbox'],
          map: { name: '{{host}}', url: '{{instance}}', groups: ['{{labels.shard}}'] },
        },
      ],
      ctx,
      {},
    );
    expect(eps.resolved[0]?.endpoints).toEqual([
      { name: 'shop.example', url: 'https://shop.example/', groups: ['shard-002'] },
    ]);
  });
});

describe('file sources', () => {
  it('ansible INI: groups, children, ranges, vars by precedence', async () => {
    writeFileSync(
      join(dir, 'hosts.ini'),
      `bastion ansible_host=10.0.0.1\n[web]\nweb[01:03].example ansible_port=2222\n[db]\ndb1 ansible_host="10.0.0.9" ansible_user=postgres\n[prod:children]\nweb\ndb\n[prod:vars]\nansible_user=deploy\n[web:vars]\nansible_user=www\n`,
    );
    const { resolved, failures } = await resolveSources(
      [{ name: 'inv', kind: 'ansible', path: 'hosts.ini' }],
      ctx,
      {},
    );
    expect(failures).toEqual([]);
    const byName = Object.fromEntries((resolved[0]?.hosts ?? []).map((h) => [h.name, h]));
    expect(Object.keys(byName).sort()).toEqual([
      'bastion',
      'db1',
      'web01.example',
      'web02.example',
      'web03.example',
    ]);
    expect(byName['web02.example']).toMatchObject({
      address: 'web02.example',
      port: 2222,
      user: 'www',
      groups: ['prod', 'web'],
    });
    expect(byName.db1).toMatchObject({ address: '10.0.0.9', user: 'postgres', groups: ['prod', 'db'] });
    expect(byName.bastion).toMatchObject({ address: '10.0.0.1', groups: [] });
  });

  it('ansible YAML, and a broken file named by its source', async () => {
    writeFileSync(
      join(dir, 'hosts.yml'),
      `all:\n  children:\n    web:\n      vars: { ansible_user: www }\n      hosts:\n        w1: { ansible_host: 10.1.0.1, ansible_port: 22 }\n`,
    );
    const { resolved } = await resolveSources([{ name: 'inv', kind: 'ansible', path: 'hosts.yml' }], ctx, {});
    expect(resolved[0]?.hosts).toEqual([
      { name: 'w1', address: '10.1.0.1', port: 22, user: 'www', groups: ['web'] },
    ]);
    const missing = await resolveSources([{ name: 'inv', kind: 'ansible', path: 'nope.ini' }], ctx, {});
    expect(missing.failures[0]?.message).toMatch(/nope\.ini: ENOENT/);
  });

  it('ssh config: Host aliases, patterns left out', async () => {
    writeFileSync(
      join(dir, 'ssh_config'),
      `Host web1 web2\n  HostName 10.0.0.1\n  User deploy\n  Port 2222\nHost *.prod !bad\n  User x\nHost *\n  IdentityFile ~/.ssh/id\n`,
    );
    const { resolved } = await resolveSources(
      [{ name: 'ssh', kind: 'ssh-config', path: 'ssh_config' }],
      ctx,
      {},
    );
    expect(resolved[0]?.hosts.map((h) => [h.name, h.port, h.user])).toEqual([
      ['web1', 2222, 'deploy'],
      ['web2', 2222, 'deploy'],
    ]);
    expect(resolved[0]?.notes).toEqual(['patterns left out: *.prod, !bad, *']);
  });
});
