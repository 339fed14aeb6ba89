/**
 * Does the certificate name the host clients use? Judged with node's own checkServerIdentity
 * (wildcards, IP SANs, CN fallback rules), not a home-made matcher.
 */
import { checkServerIdentity, type PeerCertificate as NodePeerCertificate } from 'node:tls';
import { fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { PeerCertificate, TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { tlsSource } from './target.ts';

export interface HostnameParams {
  target: TlsConnectOptions;
  /** The name to match; default: the SNI name, else the host. */
  name?: string;
}

/**
 * Checks that the leaf certificate is valid for the name clients connect to.
 * @example await hostnameMatch(tls, { target: { host: '127.0.0.1', port: 8443, servername: 'api.example.com' } })
 */
export async function hostnameMatch(t: TlsTransport, p: HostnameParams): Promise<ProbeResult> {
  const source = tlsSource(p.target);
  const name = p.name ?? p.target.servername ?? p.target.host;
  let leaf: PeerCertificate | undefined;
  try {
    leaf = (await t.connect(p.target)).chain[0];
  } catch (err) {
    return fromError(err, { source, expected: name });
  }
  if (!leaf)
    return inconclusive(`${source}: the server presented no certificate`, { source, expected: name });
  const observed = { commonName: leaf.commonName ?? null, subjectAltName: leaf.subjectAltName ?? null };
  const evidence = { source, observed, expected: name };
  // checkServerIdentity reads only the subject CN and the SAN string.
  const view = {
    subject: { CN: leaf.commonName },
    subjectaltname: leaf.subjectAltName,
  } as unknown as NodePeerCertificate;
  const mismatch = checkServerIdentity(name, view);
  if (mismatch)
    return fail(`certificate does not cover ${name}: ${mismatch.message}`, {
      ...evidence,
      reason: mismatch.message,
    });
  return pass(`certificate covers ${name}`, evidence);
}
