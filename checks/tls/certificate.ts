/**
 * Days until the certificate expires. The leaf and the rest of the chain are reported apart:
 * an intermediate that lapses first breaks every client although the leaf still looks fine.
 */
import { type Evidence, fail, fromError, type ProbeResult, pass } from '../probe.ts';
import type { PeerCertificate, TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { tlsSource } from './target.ts';

export interface CertificateParams {
  target: TlsConnectOptions;
  /** Fail when the leaf or any chain certificate has fewer days left than this (default 14). */
  minDays?: number;
  /** Clock of the run. */
  now?: Date;
}

// A type alias, not an interface: evidence must be assignable to the Json index signature.
type Expiry = {
  subject: string;
  validTo: string;
  daysLeft: number;
  expired: boolean;
};

export interface CertificateEvidence extends Evidence {
  leaf: Expiry;
  /** The chain certificate (past the leaf) that expires first; null when the server sent the leaf alone. */
  chainEarliest: Expiry | null;
}

const DAY_MS = 86_400_000;

function expiry(c: PeerCertificate, now: Date): Expiry {
  // One decimal, truncated toward zero: 4.97 days left reads 4.9, expired 1.03 days ago reads 1.
  const daysLeft = Math.trunc(((Date.parse(c.validTo) - now.getTime()) / DAY_MS) * 10) / 10 || 0;
  // Judged on the exact instant: truncation alone would let a certificate expired an hour ago read 0.
  const expired = Date.parse(c.validTo) <= now.getTime();
  return { subject: c.subject, validTo: c.validTo, daysLeft, expired };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function describe(label: string, e: Expiry): string {
  return e.expired
    ? `${label} ${e.subject} expired ${days(-e.daysLeft)} ago (${e.validTo})`
    : `${label} ${e.subject} expires in ${days(e.daysLeft)} (${e.validTo})`;
}

/**
 * Checks that the leaf and every chain certificate stay valid for at least `minDays`.
 * @example await certificateValidity(tls, { target: { host: 'api.example.com', port: 443 }, minDays: 14 })
 */
export async function certificateValidity(t: TlsTransport, p: CertificateParams): Promise<ProbeResult> {
  const source = tlsSource(p.target);
  const minDays = p.minDays ?? 14;
  const now = p.now ?? new Date();
  let chain: PeerCertificate[];
  try {
    chain = (await t.connect(p.target)).chain;
  } catch (err) {
    return fromError(err, { source, expected: { minDays } });
  }
  const leaf = expiry(chain[0], now);
  const rest = chain.slice(1).map((c) => expiry(c, now));
  const chainEarliest = rest.reduce<Expiry | null>(
    (a, b) => (a === null || b.daysLeft < a.daysLeft ? b : a),
    null,
  );
  const evidence: CertificateEvidence = {
    source,
    observed: { leafDaysLeft: leaf.daysLeft, chainEarliestDaysLeft: chainEarliest?.daysLeft ?? null },
    expected: { minDays },
    leaf,
    chainEarliest,
  };
  const short = [leaf, chainEarliest].filter(
    (e): e is Expiry => e !== null && (e.expired || e.daysLeft < minDays),
  );
  if (short.length > 0) {
    const text = short.map((e) => describe(e === leaf ? 'leaf' : 'chain certificate', e)).join('; ');
    return fail(`${text}; at least ${minDays} days required`, evidence);
  }
  const chainText = chainEarliest ? `, chain earliest ${chainEarliest.daysLeft} days` : '';
  return pass(`leaf valid ${leaf.daysLeft} more days${chainText} (≥ ${minDays})`, evidence);
}
