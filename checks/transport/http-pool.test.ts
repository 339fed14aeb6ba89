import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningNginx, startNginx } from '../../fixtures/lab/nginx.ts';
import { createCa, daysFromNow, issueCertificate } from '../../fixtures/lab/pki.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import { type LabServer, startSilentServer, startSlowServer } from '../../fixtures/lab/servers.ts';
import { HttpTransportError } from './http-error.ts';
import { HttpPool } from './http-pool.ts';

describe('HttpPool against a real nginx', () => {
  let web: RunningNginx;
  let silent: LabServer;
  let caFile: string;
  const pool = new HttpPool({ timeoutMs: 5000, concurrency: 8, connections: 4 });

  beforeAll(async () => {
    const ca = await createCa();
    caFile = ca.cert;
    const valid = await issueCertificate(ca, { names: ['127.0.0.1', 'localhost'] });
    const expired = await issueCertificate(ca, {
      names: ['127.0.0.1'],
      notBefore: daysFromNow(-60),
      notAfter: daysFromNow(-1),
    });
    const wrongName = await issueCertificate(ca, { names: ['elsewhere.example'] });
    const tls = (c: { chain: string; key: string }) => ({ tls: { cert: c.chain, key: c.key } });
    const ok = [{ match: '/', directives: ['return 200 tls-ok'] }];
    web = await startNginx({
      files: { 'big.txt': 'x'.repeat(300_000) },
      servers: [
        {
          directives: ['add_header X-Lab one', 'add_header X-Lab two'],
          locations: [
            { match: '= /ok', directives: ['return 200 hello'] },
            { match: '= /moved', directives: ['return 302 /elsewhere'] },
            { match: '= /echo-method', directives: ['return 200 $request_method'] },
          ],
        },
        { ...tls(valid), locations: ok },
        { ...tls(expired), locations: ok },
        { ...tls(wrongName), locations: ok },
      ],
    });
    silent = await startSilentServer();
  });
  afterAll(async () => {
    await pool.close();
    await web?.stop();
    await silent?.close();
  });

  it('returns status, lower-cased headers (repeats joined), body and duration', async () => {
    const res = await pool.request({ url: web.url('/ok') });
    expect(res).toMatchObject({ status: 200, body: 'hello', url: web.url('/ok') });
    expect(res.headers['x-lab']).toBe('one, two');
    expect(res.durationMs).toBeGreaterThan(0);
  });

  it('never follows a redirect', async () => {
    const res = await pool.request({ url: web.url('/moved') });
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/\/elsewhere$/);
  });

  it('caps the body, reads the rest and keeps the connection usable', async () => {
    const res = await pool.request({ url: web.url('/big.txt'), maxBodyBytes: 1000 });
    expect([res.status, res.body.length, res.truncated]).toEqual([200, 1000, true]);
    const full = await pool.request({ url: web.url('/big.txt') });
    expect([full.body.length, full.truncated]).toEqual([300_000, undefined]);
  });

  it('refuses POST without active, sends it with active', async () => {
    const refused = pool.request({ url: web.url('/echo-method'), method: 'POST', body: 'x' });
    await expect(refused).rejects.toThrow(
      /\[POST\] http:\/\/127\.0\.0\.1:\d+\/echo-method: POST refused: read-only/,
    );
    await expect(refused).rejects.toMatchObject({ failure: 'not-allowed' });
    const sent = await pool.request({
      url: web.url('/echo-method'),
      method: 'POST',
      body: 'x',
      active: true,
    });
    expect(sent.body).toBe('POST');
  });

  it('times out quickly on a server that accepts and stays silent', async () => {
    const started = Date.now();
    const err = await pool.request({ url: `${silent.url}/`, timeoutMs: 300 }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpTransportError);
    expect(err.message).toBe(`[GET] ${silent.url}/: timeout after 300 ms`);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('names the URL and ECONNREFUSED for a closed port', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    const err = await pool.request({ url }).catch((e) => e);
    expect(err.message).toBe(`[GET] ${url}: connection refused: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(err.failure).toBe('refused');
  });

  it.each([
    ['a valid certificate from the trusted test CA', 1, { ca: 'test-ca' }, 200, undefined],
    [
      'the test CA not trusted',
      1,
      {},
      0,
      /certificate error: self-signed certificate in certificate chain \(SELF_SIGNED_CERT_IN_CHAIN\)/,
    ],
    [
      'an expired certificate',
      2,
      { ca: 'test-ca' },
      0,
      /certificate error: certificate has expired \(CERT_HAS_EXPIRED\)/,
    ],
    [
      'a certificate for another name',
      3,
      { ca: 'test-ca' },
      0,
      /certificate error: .*ERR_TLS_CERT_ALTNAME_INVALID/,
    ],
    ['an expired certificate with insecure opt-in', 2, { insecure: true }, 200, undefined],
  ] as [string, number, { ca?: string; insecure?: boolean }, number, RegExp | undefined][])(
    'TLS: %s',
    async (_name, server, opts, status, error) => {
      const req = { url: web.url('/', server), ...opts, ca: opts.ca ? caFile : undefined };
      const result = await pool.request(req).then(
        (r) => ({ status: r.status, message: '' }),
        (e: HttpTransportError) => ({ status: 0, message: e.message, failure: e.failure }),
      );
      expect(result.status).toBe(status);
      if (error) expect(result).toMatchObject({ message: expect.stringMatching(error), failure: 'tls' });
    },
  );

  it('answers every one of many requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => pool.request({ url: web.url(`/ok?i=${i}`) })),
    );
    expect(results.filter((r) => r.status === 200 && r.body === 'hello')).toHaveLength(500);
  });

  it('never has more requests in flight than its concurrency', async () => {
    let active = 0;
    let peak = 0;
    const server = createServer((_req, res) => {
      peak = Math.max(peak, ++active);
      setTimeout(() => {
        active--;
        res.end('done');
      }, 30);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const narrow = new HttpPool({ timeoutMs: 5000, concurrency: 3, connections: 10 });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => narrow.request({ url: `http://127.0.0.1:${port}/` })),
    );
    await narrow.close();
    server.close();
    expect(results.map((r) => r.body)).toEqual(Array(12).fill('done'));
    expect(peak).toBe(3);
  });

  it('rejects a non-http URL and a missing CA file by name', async () => {
    await expect(pool.request({ url: 'ftp://127.0.0.1/x' })).rejects.toThrow(
      /\[GET\] ftp:\/\/127\.0\.0\.1\/x: only http/,
    );
    await expect(pool.request({ url: web.url('/', 1), ca: '/nonexistent/ca.pem' })).rejects.toThrow(
      /cannot read CA file \/nonexistent\/ca\.pem/,
    );
  });
});

describe('HttpPool queue', () => {
  it('drains a long queue of requests that fail at once without deep recursion', async () => {
    const slow = await startSlowServer(50);
    const pool = new HttpPool({ timeoutMs: 2000, concurrency: 1 });
    const first = pool.request({ url: `${slow.url}/` });
    const queued = Array.from({ length: 20_000 }, (_, i) => pool.request({ url: `ftp://127.0.0.1/${i}` }));
    const results = await Promise.allSettled(queued);
    expect((await first).body).toBe('slow');
    await pool.close();
    await slow.close();
    expect(results.filter((r) => r.status === 'rejected' && /only http/.test(String(r.reason)))).toHaveLength(
      20_000,
    );
  });
});
