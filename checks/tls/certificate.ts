/**
 * Days until the certificate expires, judged for every certificate of the chain, each its own
 * subject (an intermediate that lapses first breaks every client although the leaf still looks
 * fine, and the auditor must see which one to replace). The summary keeps the leaf and the
 * chain certificate that expires first.
 */
import {
  type Evidence,
  fail,
  fromError,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import type { PeerCertificate, TlsConnectOptions, TlsTransport } from '../transport/tls.ts';
import { certificateName } from './chain-subject.ts';
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
  const isShort = (e: Expiry) => e.expired || e.daysLeft < minDays;
  const subjects = chain.map((c, i) => judgeOne(c, i, i === 0 ? leaf : rest[i - 1], minDays, source));
  const summary = perSubject(source, 'certificates', subjects, evidence);
  const short = [leaf, chainEarliest].filter((e): e is Expiry => e !== null && isShort(e));
  if (short.length > 0) {
    const text = short.map((e) => describe(e === leaf ? 'leaf' : 'chain certificate', e)).join('; ');
    return { ...summary, message: `${text}; at least ${minDays} days required` };
  }
  const chainText = chainEarliest ? `, chain earliest ${chainEarliest.daysLeft} days` : '';
  return { ...summary, message: `leaf valid ${leaf.daysLeft} more days${chainText} (≥ ${minDays})` };
}

function judgeOne(
  c: PeerCertificate,
  index: number,
  e: Expiry,
  minDays: number,
  source: string,
): SubjectResult {
  const evidence = {
    source,
    observed: { daysLeft: e.daysLeft, validTo: e.validTo },
    expected: { minDays },
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialNumber,
    fingerprint256: c.fingerprint256,
  };
  const label = index === 0 ? 'leaf' : 'chain certificate';
  if (e.expired || e.daysLeft < minDays)
    return subject(
      certificateName(c, index),
      fail(`${describe(label, e)}; at least ${minDays} days required`, evidence),
    );
  return subject(certificateName(c, index), pass(`valid ${days(e.daysLeft)} more (≥ ${minDays})`, evidence));
}
