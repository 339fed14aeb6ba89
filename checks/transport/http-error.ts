/**
 * HTTP transport failures, named the way an operator reads them at 3 a.m.:
 * `[GET] https://api.example.com/health: certificate error: certificate has expired (CERT_HAS_EXPIRED)`.
 */
import { describeError } from '../probe.ts';
import { TransportError } from './command.ts';

/** What kind of failure: probes use it to decide (a TLS failure is the TLS probes' business, etc.). */
export type HttpFailure = 'timeout' | 'refused' | 'dns' | 'tls' | 'network' | 'not-allowed' | 'invalid';

export class HttpTransportError extends TransportError {
  constructor(
    message: string,
    readonly url: string,
    readonly failure: HttpFailure,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, url, options);
    this.name = 'HttpTransportError';
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function codeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && code !== 'UND_ERR_SOCKET') return code;
  }
  return undefined;
}

function classify(code: string | undefined): HttpFailure {
  if (!code) return 'network';
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'tls';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  return 'network';
}

const PREFIX: Partial<Record<HttpFailure, string>> = {
  timeout: 'timeout after {ms} ms',
  tls: 'certificate error',
  refused: 'connection refused',
  dns: 'cannot resolve host',
};

/** Wraps what undici or Node threw into an HttpTransportError naming the method, the URL and the cause. */
export function toHttpError(
  method: string,
  url: string,
  err: unknown,
  timeoutMs: number,
): HttpTransportError {
  if (err instanceof HttpTransportError) return err;
  const code = codeOf(err);
  const failure = classify(code);
  // A handshake that broke (wrong protocol, alert) is not a verdict on a certificate.
  const handshake = failure === 'tls' && code !== undefined && !TLS_CODES.has(code);
  const prefix = handshake ? 'TLS handshake failed' : PREFIX[failure]?.replace('{ms}', String(timeoutMs));
  // The original text stays in the message, so describeError (which follows `cause`) does not repeat it.
  const cause = prefix ? `${prefix}: ${describeError(err)}` : describeError(err);
  return new HttpTransportError(`[${method}] ${url}: ${cause}`, url, failure, code, { cause: err });
}

/** The request's own deadline (connect + headers + body) passed. */
export function timeoutError(method: string, url: string, timeoutMs: number): HttpTransportError {
  return new HttpTransportError(`[${method}] ${url}: timeout after ${timeoutMs} ms`, url, 'timeout');
}

/** Defects of the served certificate itself, whoever connects and whatever CAs they trust. */
const CERTIFICATE_DEFECTS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
};

/**
 * Why every verifying client refuses the endpoint, when the failure is positive evidence about
 * the certificate it serves (expired, not yet valid); undefined for anything that may be the
 * audit's own side (an unknown CA, a name the audit dialled, a broken handshake, no answer).
 * @example certificateRefusal(err) // 'its certificate has expired (CERT_HAS_EXPIRED)'
 */
export function certificateRefusal(err: unknown): string | undefined {
  if (!(err instanceof HttpTransportError) || err.failure !== 'tls' || !err.code) return undefined;
  const defect = CERTIFICATE_DEFECTS[err.code];
  return defect ? `${defect} (${err.code})` : undefined;
}
