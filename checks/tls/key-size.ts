/**
 * Are the keys in the chain strong enough? RSA (and DSA) by modulus bits, EC and EdDSA by
 * field size, each certificate a subject of its own (the weak key is in one of them). The handshake lowers the client's security level so a weak key is seen and
 * judged (`fail`) instead of refused by our own client (`error`).
 */
import { fail, fromError, inconclusive, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import type { PeerCertificate, TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { certificateName } from './chain-subject.ts';
import { LEGACY_CIPHERS } from './protocols.ts';
import { tlsSource } from './target.ts';

export interface KeySizeParams {
  target: TlsConnectOptions;
  /** Default 2048. */
  minRsaBits?: number;
  /** Default 256. */
  minEcBits?: number;
}

interface KeyFinding {
  subject: string;
  keyType: string;
  bits: number | null;
  minimum: number | null;
  ok: boolean;
}

function judge(c: PeerCertificate, minRsa: number, minEc: number): KeyFinding {
  const bits = c.keyBits ?? null;
  const minimum =
    c.keyType === 'rsa' || c.keyType === 'rsa-pss' || c.keyType === 'dsa'
      ? minRsa
      : ['ec', 'ed25519', 'ed448'].includes(c.keyType)
        ? minEc
        : null;
  return {
    subject: c.subject,
    keyType: c.keyType,
    bits,
    minimum,
    ok: minimum !== null && bits !== null && bits >= minimum,
  };
}

/**
 * Checks the public key size of the leaf and every chain certificate.
 * @example await keySize(tls, { target: { host: 'api.example.com', port: 443 }, minRsaBits: 2048, minEcBits: 256 })
 */
export async function keySize(t: TlsTransport, p: KeySizeParams): Promise<ProbeResult> {
  const source = tlsSource(p.target);
  const expected = { minRsaBits: p.minRsaBits ?? 2048, minEcBits: p.minEcBits ?? 256 };
  let chain: PeerCertificate[];
  try {
    chain = (await t.connect({ ...p.target, minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS })).chain;
  } catch (err) {
    return fromError(err, { source, expected });
  }
  const findings = chain.map((c) => judge(c, expected.minRsaBits, expected.minEcBits));
  const observed = findings.map((f) => `${f.keyType} ${f.bits ?? '?'}`);
  const evidence = { source, expected, observed, keys: findings.map(({ ok, ...f }) => f) };
  const unknown = findings.find((f) => f.minimum === null || f.bits === null);
  const weak = findings.filter((f) => f.minimum !== null && f.bits !== null && !f.ok);
  const subjects = findings.map((f, i) => {
    const { ok, ...key } = f;
    const one = { source, expected, observed: `${f.keyType} ${f.bits ?? '?'}`, ...key };
    const verdict =
      f.minimum === null || f.bits === null
        ? inconclusive(`cannot judge a ${f.keyType} key`, one)
        : ok
          ? pass(`${f.keyType} ${f.bits} bits (≥ ${f.minimum})`, one)
          : fail(`weak key: ${f.keyType} ${f.bits} bits < ${f.minimum}`, one);
    return subject(certificateName(chain[i], i), verdict);
  });
  const summary = perSubject(source, 'certificates', subjects, evidence);
  if (weak.length > 0) {
    const text = weak.map((f) => `${f.subject}: ${f.keyType} ${f.bits} bits < ${f.minimum}`).join('; ');
    return { ...summary, message: `weak key: ${text}` };
  }
  if (unknown)
    return { ...summary, message: `cannot judge the ${unknown.keyType} key of ${unknown.subject}` };
  const chainText = chain.length > 1 ? `, chain ${observed.slice(1).join(', ')}` : '';
  return { ...summary, message: `keys strong enough: leaf ${observed[0]} bits${chainText}` };
}
