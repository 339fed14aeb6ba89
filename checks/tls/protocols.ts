/**
 * Which old protocol versions does the server still accept? One handshake pinned to each
 * forbidden version. OpenSSL 3 will not even offer TLS 1.0/1.1 at its default security level,
 * so these handshakes lower the client's level (`@SECLEVEL=0`): otherwise every server would
 * look compliant.
 */
import type { SecureVersion } from 'node:tls';
import { fail, fromError, inconclusive, type ProbeResult, pass } from '../probe.ts';
import { type TlsConnectOptions, type TlsTransport, TlsTransportError } from '../transport/tls.ts';
import { tlsSource } from './target.ts';

export type ProtocolVersion = SecureVersion;

export interface ProtocolsParams {
  target: TlsConnectOptions;
  /** Versions the server must refuse (default TLSv1 and TLSv1.1). */
  forbid?: ProtocolVersion[];
}

/** The client side of a legacy handshake: any version, any cipher, any key size. */
export const LEGACY_CIPHERS = 'DEFAULT:@SECLEVEL=0';

type Verdict = 'accepted' | 'refused';

/**
 * Checks that the server refuses every forbidden protocol version.
 * @example await forbiddenProtocols(tls, { target: { host: 'api.example.com', port: 443 }, forbid: ['TLSv1', 'TLSv1.1'] })
 */
export async function forbiddenProtocols(t: TlsTransport, p: ProtocolsParams): Promise<ProbeResult> {
  const source = tlsSource(p.target);
  const forbid = p.forbid ?? ['TLSv1', 'TLSv1.1'];
  const expected = { refused: forbid };
  // A refused pinned handshake only means something if the server speaks TLS at all (a plain
  // HTTP port "refuses" every ClientHello too).
  let negotiated: string;
  try {
    negotiated = (await t.connect({ ...p.target, minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS })).protocol;
  } catch (err) {
    return fromError(err, { source, expected });
  }
  const results: Record<string, Verdict> = {};
  const reasons: Record<string, string> = {};
  for (const version of forbid) {
    const pinned = { ...p.target, minVersion: version, maxVersion: version, ciphers: LEGACY_CIPHERS };
    try {
      const session = await t.connect(pinned);
      results[version] = 'accepted';
      reasons[version] = `negotiated ${session.protocol} with ${session.cipher}`;
    } catch (err) {
      // Only a handshake the server turned down is an answer; no TCP, a timeout or a client
      // that cannot offer the version means we could not tell.
      if (err instanceof TlsTransportError && err.stage === 'handshake') {
        results[version] = 'refused';
        reasons[version] = err.code ?? err.message;
      } else {
        const partial = { source, expected, observed: results, reasons, negotiated };
        return fromError(err, partial);
      }
    }
  }
  const accepted = forbid.filter((v) => results[v] === 'accepted');
  const evidence = { source, expected, observed: results, accepted, reasons, negotiated };
  if (accepted.length > 0) return fail(`server accepts forbidden ${accepted.join(', ')}`, evidence);
  if (forbid.length === 0) return inconclusive('no protocol versions to test (forbid is empty)', evidence);
  return pass(`server refuses ${forbid.join(', ')}`, evidence);
}
