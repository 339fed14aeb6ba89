import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import type { EndpointEntry } from '../../policies/types.ts';
import { httpJsonProbe } from './json-probe.ts';

// A provider snapshot API, as the test runs it: bearer auth, an OAuth token endpoint, a 403 path.
const TOKEN = 'lab-token-7f3a';
const CLIENT_SECRET = 'lab-client-secret-91c2';
const OAUTH_TOKEN = 'oauth-issued-55d0';
const now = new Date();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const snapshots = {
  snapshots: [
    { id: 'snap-3', created_at: hoursAgo(3), status: 'completed', size_gb: 42 },
    { id: 'snap-2', created_at: hoursAgo(27), status: 'completed', size_gb: 41 },
  ],
};
let tokenRequests = 0;

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const auth = req.headers.authorization;
  if (req.url === '/oauth/token' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      tokenRequests++;
      const form = new URLSearchParams(body);
      const ok =
        form.get('grant_type') === 'client_credentials' && form.get('client_secret') === CLIENT_SECRET;
      if (ok) answer(res, 200, { access_token: OAUTH_TOKEN, token_type: 'Bearer', expires_in: 3600 });
      else answer(res, 401, { error: 'invalid_client' });
    });
    return;
  }
  if (req.url === '/forbidden') return answer(res, 403, { message: 'missing scope snapshots:read' });
  if (auth !== `Bearer ${TOKEN}` && auth !== `Bearer ${OAUTH_TOKEN}`)
    return answer(res, 401, { message: 'unauthorized' });
  if (req.url === '/v1/snapshots') return answer(res, 200, snapshots);
  if (req.url === '/v1/empty') return answer(res, 200, { snapshots: [] });
  if (req.url === '/v1/html')
    return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
  answer(res, 404, {});
}

const server = createServer(handle);
const dir = labDir('http-json');
let base = '';
const endpoints: EndpointEntry[] = [];
let ctx: ReturnType<typeof labContext>;
const run = (endpoint: string, params: Record<string, unknown>) =>
  httpJsonProbe.run(ctx, endpoints.find((e) => e.name === endpoint)!, params as never);

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const name of ['snapshots', 'empty', 'html', 'forbidden']) {
    endpoints.push({ name, url: `${base}${name === 'forbidden' ? '/forbidden' : `/v1/${name}`}` });
  }
  writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
  process.env.READYSPEC_LAB_OAUTH_SECRET = CLIENT_SECRET;
  ctx = labContext({ baseDir: dir, inventory: { endpoints }, probes: [httpJsonProbe], options: { now } });
});

afterAll(async () => {
  await ctx.close();
  await new Promise((r) => server.close(r));
});

const token = { file: 'token' };
const fresh = [
  { path: 'snapshots[0].created_at', maxAgeHours: 26 },
  { path: 'snapshots[0].status', equals: 'completed' },
  { path: 'snapshots', min: 2 },
  { path: 'snapshots[1].id', matches: '^snap-\\d+$' },
  { path: 'snapshots[0].size_gb', min: 10, max: 100 },
];

describe('http.json', () => {
  it('passes when every expectation holds, recording observed values and no token', async () => {
    const r = await run('snapshots', { token, expect: fresh });
    expect(r.outcome, r.message).toBe('pass');
    expect(r.evidence.observed).toMatchObject({ 'snapshots[0].status': 'completed', snapshots: '[2 items]' });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it.each([
    [[{ path: 'snapshots[0].created_at', maxAgeHours: 2 }], /3 h old \(max 2 h\)/],
    [[{ path: 'snapshots[1].created_at', maxAgeHours: 24 }], /27 h old/],
    [[{ path: 'snapshots[0].status', equals: 'failed' }], /expected "failed"/],
    [[{ path: 'snapshots', min: 7 }], /has 2 item\(s\), want at least 7/],
    [[{ path: 'snapshots[0].size_gb', max: 40 }], /is 42, want at most 40/],
    [[{ path: 'snapshots[5].id', exists: true }], /snapshots\[5\].id is missing/],
    [[{ path: 'snapshots[0].status', matches: '^pending$' }], /does not match/],
    [[{ path: 'snapshots[0].id', maxAgeHours: 1 }], /not a date/],
  ])('fails %j', async (expectations, why) => {
    const r = await run('snapshots', { token, expect: expectations });
    expect(r.outcome, r.message).toBe('fail');
    expect(r.message).toMatch(why);
  });

  it('fails an empty snapshot list', async () => {
    const r = await run('empty', { token, expect: [{ path: 'snapshots', min: 1 }] });
    expect(r.outcome).toBe('fail');
  });

  it.each([
    ['snapshots', {}, /answered 401: no token configured/],
    ['snapshots', { token: { env: 'READYSPEC_LAB_NO_SUCH_TOKEN' } }, /READYSPEC_LAB_NO_SUCH_TOKEN.*not set/],
    ['forbidden', { token }, /answered 403: the token is rejected or lacks permission/],
    ['html', { token }, /not valid JSON|Unexpected token/],
    ['snapshots', { token, expectBad: true }, /malformed JSON path/],
  ])('is an error, not a failure, on %s %j', async (endpoint, extra, why) => {
    const { expectBad, ...auth } = extra as Record<string, unknown>;
    const expectations = expectBad ? [{ path: 'snapshots[x' }] : fresh;
    const r = await run(endpoint, { ...auth, expect: expectations });
    expect(r.outcome, r.message).toBe('error');
    expect(r.message).toMatch(why);
  });

  it('obtains an OAuth client-credentials token once per run through the read-only transport', async () => {
    const oauth = {
      tokenUrl: `${base}/oauth/token`,
      clientId: 'audit',
      clientSecret: { env: 'READYSPEC_LAB_OAUTH_SECRET' },
    };
    const first = await run('snapshots', { oauth, expect: fresh });
    const second = await run('snapshots', { oauth, expect: [{ path: 'snapshots', min: 1 }] });
    expect([first.outcome, second.outcome]).toEqual(['pass', 'pass']);
    expect(tokenRequests).toBe(1);
    expect(JSON.stringify([first, second])).not.toMatch(new RegExp(`${OAUTH_TOKEN}|${CLIENT_SECRET}`));
  });

  it('is an error when the token endpoint rejects the client', async () => {
    process.env.READYSPEC_LAB_WRONG_SECRET = 'wrong';
    const oauth = {
      tokenUrl: `${base}/oauth/token`,
      clientId: 'audit',
      clientSecret: { env: 'READYSPEC_LAB_WRONG_SECRET' },
    };
    const r = await run('snapshots', { oauth, expect: fresh });
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/token request for client audit answered 401/);
    expect(r.message).not.toContain('wrong');
  });
});
