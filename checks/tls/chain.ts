/**
 * Does the chain the server sends verify against the system store (or the policy's CA)?
 * The reason comes from OpenSSL: expired, self-signed, unknown issuer, missing intermediate.
 */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { tlsSource } from './target.ts';

export interface ChainParams {
  target: TlsConnectOptions;
}

/**
 * Checks that the certificate chain verifies against the trusted CAs.
 * @example await chainVerifies(tls, { target: { host: 'api.example.com', port: 443, ca: '/etc/ssl/internal-ca.pem' } })
 */
export async function chainVerifies(t: TlsTransport, p: ChainParams): Promise<ProbeResult> {
  const source = tlsSource(p.target);
  const trust = p.target.ca ? `CA file ${p.target.ca}` : 'system CAs';
  try {
    const session = await t.connect(p.target);
    const evidence = {
      source,
      expected: `chain verifies against ${trust}`,
      observed: session.authorized ? 'verified' : (session.authorizationError ?? 'not verified'),
      chain: session.chain.map((c) => ({ subject: c.subject, issuer: c.issuer, validTo: c.validTo })),
    };
    if (!session.authorized)
      return fail(`chain does not verify against ${trust}: ${evidence.observed}`, evidence);
    return pass(`chain verifies against ${trust} (${session.chain.length} certificates)`, evidence);
  } catch (err) {
    return fromError(err, { source, expected: `chain verifies against ${trust}` });
  }
}
