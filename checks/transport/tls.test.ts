import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCa, daysFromNow, issueCertificate, type TestCa } from '../../fixtures/lab/pki.ts';
import { freePort } from '../../fixtures/lab/process.ts';
import { type LabServer, startSilentServer } from '../../fixtures/lab/servers.ts';
import { createIntermediateCa } from '../../fixtures/lab/tls-pki.ts';
import { CachingTlsTransport, NodeTlsTransport, type TlsTransportError } from './tls.ts';

// Real node:tls servers with certificates openssl made for this run: a leaf under an
// intermediate CA (leaf, intermediate and root must all come back), and a TLS 1.2-only server.
let root: TestCa;
let chained: Server;
let tls12only: Server;
let chainedPort: number;
let tls12Port: number;
let silent: LabServer;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

beforeAll(async () => {
  root = await createCa();
  const intermediate = await createIntermediateCa(root, { notAfter: daysFromNow(30) });
  const leaf = await issueCertificate(intermediate, {
    names: ['localhost', '127.0.0.1'],
    notAfter: daysFromNow(60),
  });
  const pem = (p: string) => readFileSync(p);
  chained = createServer({ cert: pem(leaf.chain), key: pem(leaf.key) }, (s) => s.end());
  tls12only = createServer(
    { cert: pem(leaf.chain), key: pem(leaf.key), minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' },
    (s) => s.end(),
  );
  chainedPort = await listen(chained);
  tls12Port = await listen(tls12only);
  silent = await startSilentServer();
});

afterAll(async () => {
  chained?.close();
  tls12only?.close();
  await silent?.close();
});

describe('NodeTlsTransport', () => {
  const t = new NodeTlsTransport(5_000);

  test('returns protocol, cipher and the whole chain, verified against the given CA', async () => {
    const s = await t.connect({
      host: '127.0.0.1',
      port: chainedPort,
      servername: 'localhost',
      ca: root.cert,
    });
    expect(s.protocol).toBe('TLSv1.3');
    expect(s.cipher).toMatch(/^TLS_/);
    expect(s.authorized).toBe(true);
    expect(s.authorizationError).toBeUndefined();
    expect(s.chain.map((c) => c.commonName)).toEqual([
      'localhost',
      'readyspec lab intermediate 1',
      'readyspec lab CA',
    ]);
    const [leaf, int, ca] = s.chain;
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(leaf).toMatchObject({ keyType: 'ec', keyBits: 256, curve: 'prime256v1', selfSigned: false });
    expect(Date.parse(leaf.validTo) - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(Date.parse(int.validTo) - Date.now()).toBeLessThan(31 * 86_400_000);
    expect(ca.selfSigned).toBe(true);
    expect(leaf.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test('an untrusted chain still returns the certificates, with the reason it did not verify', async () => {
    const s = await t.connect({ host: '127.0.0.1', port: chainedPort });
    expect(s.authorized).toBe(false);
    expect(s.authorizationError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(s.chain).toHaveLength(2);
  });

  test.each([
    {
      name: 'closed port',
      stage: 'connect',
      message: /ECONNREFUSED/,
      options: async () => ({ port: await freePort() }),
    },
    {
      name: 'silent TCP server',
      stage: 'timeout',
      message: /no answer within 400 ms \(TLS handshake\)/,
      options: async () => ({ port: silent.port, timeoutMs: 400 }),
    },
    {
      name: 'server refuses the pinned version',
      stage: 'handshake',
      message: /handshake failed/,
      options: async () => ({ port: tls12Port, minVersion: 'TLSv1.3' as const }),
    },
    {
      name: 'unreadable CA file',
      stage: 'client',
      message: /cannot read CA file/,
      options: async () => ({ port: chainedPort, ca: '/nonexistent/ca.pem' }),
    },
  ])('$name → TlsTransportError at stage $stage', async ({ options, stage, message }) => {
    const err = (await t
      .connect({ host: '127.0.0.1', ...(await options()) })
      .catch((e) => e)) as TlsTransportError;
    expect(err.name).toBe('TlsTransportError');
    expect(err.stage).toBe(stage);
    expect(err.message).toMatch(message);
  });
});

describe('CachingTlsTransport', () => {
  test('one handshake per distinct connection for the whole run', async () => {
    let handshakes = 0;
    const counting = new NodeTlsTransport(5_000);
    const inner = {
      connect: (o: Parameters<typeof counting.connect>[0]) => {
        handshakes++;
        return counting.connect(o);
      },
    };
    const t = new CachingTlsTransport(inner);
    const a = { host: '127.0.0.1', port: chainedPort, ca: root.cert };
    const [s1, s2] = await Promise.all([
      t.connect(a),
      t.connect({ ca: root.cert, port: chainedPort, host: '127.0.0.1' }),
    ]);
    await t.connect({ ...a, maxVersion: 'TLSv1.2' });
    expect(s1).toBe(s2);
    expect(handshakes).toBe(2);
  });
});
