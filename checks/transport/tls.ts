/**
 * The TLS transport: one handshake with node:tls, returning what the server presented
 * (protocol, cipher, the whole certificate chain) and whether that chain verified. It never
 * rejects a certificate itself: probes judge expiry, names and chains from the data.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { connect, type DetailedPeerCertificate, type SecureVersion } from 'node:tls';
import type { ProbeContext } from '../context.ts';
import { TransportError } from './command.ts';

export interface TlsConnectOptions {
  host: string;
  port: number;
  /** SNI name; default: `host` unless it is an IP address (SNI carries names only). */
  servername?: string;
  /** Covers TCP connect and the handshake (default 10 s). */
  timeoutMs?: number;
  /** PEM file of the CA to verify against instead of the system store. */
  ca?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher string, e.g. `DEFAULT@SECLEVEL=0` to let the client offer TLS 1.0/1.1. */
  ciphers?: string;
}

export interface PeerCertificate {
  subject: string;
  /** The subject's common name, when it has one. */
  commonName?: string;
  issuer: string;
  /** As OpenSSL prints it: `DNS:a.example, IP Address:127.0.0.1`. */
  subjectAltName?: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  serialNumber: string;
  /** `rsa`, `ec`, `ed25519`, … */
  keyType: string;
  /** RSA modulus bits or EC field size. */
  keyBits?: number;
  curve?: string;
  selfSigned: boolean;
}

export interface TlsSession {
  host: string;
  port: number;
  servername?: string;
  /** `TLSv1.3`, `TLSv1.2`, … */
  protocol: string;
  cipher: string;
  /** Leaf first, then each issuer as far as the server's chain and the trust store go. */
  chain: PeerCertificate[];
  /** Whether the chain verified against the system store or `ca` (names are not checked here). */
  authorized: boolean;
  /** OpenSSL's reason when not authorized, e.g. `CERT_HAS_EXPIRED`, `SELF_SIGNED_CERT_IN_CHAIN`. */
  authorizationError?: string;
}

/** Where a failed connection stopped: before TCP was up, during the TLS handshake, or on the clock. */
export type TlsFailureStage = 'connect' | 'handshake' | 'timeout' | 'client';

/**
 * A handshake that did not complete, with the stage it stopped at: `tls.protocols` reads a
 * `handshake` failure as the server's refusal, and every other stage as "could not tell".
 * @example if (err instanceof TlsTransportError && err.stage === 'handshake') refused.push(version)
 */
export class TlsTransportError extends TransportError {
  constructor(
    message: string,
    host: string,
    readonly stage: TlsFailureStage,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, host, options);
    this.name = 'TlsTransportError';
  }
}

export interface TlsTransport {
  /** One handshake; rejects with a TlsTransportError naming host:port and the stage it failed in. */
  connect(options: TlsConnectOptions): Promise<TlsSession>;
}

const EC_BITS: Record<string, number> = {
  prime256v1: 256,
  secp384r1: 384,
  secp521r1: 521,
  ed25519: 256,
  ed448: 456,
};

function describeCertificate(c: DetailedPeerCertificate): PeerCertificate {
  const x509 = new X509Certificate(c.raw);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const keyBits = details.modulusLength ?? (curve ? EC_BITS[curve] : EC_BITS[keyType]) ?? c.bits;
  const cn = c.subject?.CN;
  return {
    subject: x509.subject.replace(/\n/g, ', '),
    commonName: Array.isArray(cn) ? cn[0] : cn,
    issuer: x509.issuer.replace(/\n/g, ', '),
    subjectAltName: x509.subjectAltName,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    fingerprint256: x509.fingerprint256,
    serialNumber: x509.serialNumber,
    keyType,
    keyBits,
    curve,
    selfSigned: x509.checkIssued(x509),
  };
}

/**
 * Walks issuerCertificate links; a self-signed root points at itself, so stop on a repeat.
 * @example describeChain(socket.getPeerCertificate(true)).map((c) => c.subject) // leaf, intermediate, root
 */
export function describeChain(leaf: DetailedPeerCertificate): PeerCertificate[] {
  const chain: PeerCertificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current?.raw && !seen.has(current.fingerprint256) && chain.length < 10) {
    seen.add(current.fingerprint256);
    chain.push(describeCertificate(current));
    current = current.issuerCertificate;
  }
  return chain;
}

/**
 * node:tls implementation.
 * @example await new NodeTlsTransport(5_000).connect({ host: '127.0.0.1', port: 8443, servername: 'api.example.com' })
 */
export class NodeTlsTransport implements TlsTransport {
  constructor(private readonly defaultTimeoutMs = 10_000) {}

  async connect(o: TlsConnectOptions): Promise<TlsSession> {
    const where = `${o.host}:${o.port}`;
    let ca: string | undefined;
    if (o.ca) {
      try {
        ca = await readFile(o.ca, 'utf8');
      } catch (err) {
        throw new TlsTransportError(`tls ${where}: cannot read CA file ${o.ca}`, where, 'client', undefined, {
          cause: err,
        });
      }
    }
    const servername = o.servername ?? (isIP(o.host) ? undefined : o.host);
    const timeoutMs = o.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise<TlsSession>((resolve, reject) => {
      let tcpUp = false;
      const socket = connect({
        host: o.host,
        port: o.port,
        servername,
        ca,
        minVersion: o.minVersion,
        maxVersion: o.maxVersion,
        ciphers: o.ciphers,
        // Judge, do not refuse: the probes need the chain of a bad certificate too.
        rejectUnauthorized: false,
        // Name matching is its own probe (tls.hostname); keep authorizationError about the chain.
        checkServerIdentity: () => undefined,
      });
      const timer = setTimeout(() => {
        const stage = tcpUp ? 'TLS handshake' : 'TCP connect';
        finish(
          new TlsTransportError(
            `tls ${where}: no answer within ${timeoutMs} ms (${stage})`,
            where,
            'timeout',
          ),
        );
      }, timeoutMs);
      let done = false;
      const finish = (err?: Error, session?: TlsSession) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else if (session) resolve(session);
      };
      socket.once('connect', () => {
        tcpUp = true;
      });
      socket.once('secureConnect', () => {
        try {
          const error = socket.authorizationError;
          finish(undefined, {
            host: o.host,
            port: o.port,
            servername,
            protocol: socket.getProtocol() ?? 'unknown',
            cipher: socket.getCipher().name,
            chain: describeChain(socket.getPeerCertificate(true)),
            authorized: socket.authorized,
            authorizationError: error ? String(error) : undefined,
          });
        } catch (err) {
          finish(
            new TlsTransportError(`tls ${where}: unreadable certificate`, where, 'handshake', undefined, {
              cause: err,
            }),
          );
        }
      });
      // `on`, not `once`: a late second error must not become an uncaught exception.
      socket.on('error', (err: NodeJS.ErrnoException) => {
        const code = err.code;
        // OpenSSL refusing to offer a version is our side, not the server's answer.
        const stage = code === 'ERR_SSL_NO_PROTOCOLS_AVAILABLE' ? 'client' : tcpUp ? 'handshake' : 'connect';
        const label =
          stage === 'connect'
            ? 'cannot connect'
            : stage === 'client'
              ? 'client cannot offer this'
              : 'handshake failed';
        finish(
          new TlsTransportError(`tls ${where}: ${label}: ${err.message}`, where, stage, code, { cause: err }),
        );
      });
      socket.once('close', () => {
        finish(
          new TlsTransportError(
            `tls ${where}: connection closed during the handshake`,
            where,
            tcpUp ? 'handshake' : 'connect',
          ),
        );
      });
    });
  }
}

/**
 * Remembers each handshake's outcome for the run: five TLS controls on one endpoint cost one
 * handshake, and they all judge the same snapshot.
 * @example const t = new CachingTlsTransport(new NodeTlsTransport()); // same options → same session
 */
export class CachingTlsTransport implements TlsTransport {
  readonly #sessions = new Map<string, Promise<TlsSession>>();
  constructor(private readonly inner: TlsTransport) {}

  connect(options: TlsConnectOptions): Promise<TlsSession> {
    const key = JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
    let session = this.#sessions.get(key);
    if (!session) {
      session = this.inner.connect(options);
      this.#sessions.set(key, session);
    }
    return session;
  }
}

/**
 * The run's TLS transport (one per run, shared by every TLS probe).
 * @example const session = await tlsTransport(ctx).connect({ host: 'api.example.com', port: 443 })
 */
export function tlsTransport(ctx: ProbeContext): TlsTransport {
  return ctx.shared(
    'transport:tls',
    () => new CachingTlsTransport(new NodeTlsTransport(ctx.options.timeoutMs)),
  );
}
