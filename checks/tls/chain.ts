/**
 * Does the chain the server sends verify against the system store (or the policy's CA)?
 * The reason comes from OpenSSL: expired, self-signed, unknown issuer, missing intermediate.
 */
import { fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { PeerCertificate, TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { certificateName } from './chain-subject.ts';
import { tlsSource } from './target.ts';

export interface ChainParams {
  target: TlsConnectOptions;
}

/**
 * The certificates OpenSSL's reason points at, when it names a property of certificates (dates,
 * self-signature, a missing issuer): the verdict stays one for the chain (whether it verifies is
 * a property of the whole path), and this says where to look.
 */
function culprits(reason: string, chain: PeerCertificate[], now: number): string[] {
  const named = (keep: (c: PeerCertificate, i: number) => boolean) =>
    chain.flatMap((c, i) => (keep(c, i) ? [certificateName(c, i)] : []));
  switch (reason) {
    case 'CERT_HAS_EXPIRED':
      return named((c) => Date.parse(c.validTo) <= now);
    case 'CERT_NOT_YET_VALID':
      return named((c) => Date.parse(c.validFrom) > now);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return named((_c, i) => i === 0);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return named((c, i) => i > 0 && c.selfSigned);
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return named((_c, i) => i === chain.length - 1);
    default:
      return [];
  }
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
    if (!session.authorized) {
      const at = culprits(evidence.observed, session.chain, Date.now());
      const where = at.length ? ` (${at.join('; ')})` : '';
      return fail(`chain does not verify against ${trust}: ${evidence.observed}${where}`, {
        ...evidence,
        at,
      });
    }
    return pass(`chain verifies against ${trust} (${session.chain.length} certificates)`, evidence);
  } catch (err) {
    return fromError(err, { source, expected: `chain verifies against ${trust}` });
  }
}
