/**
 * TLS settings of each TLS server block: accepted protocols within the allowed ones, no
 * cipher class the policy forbids switched on, and a certificate and key (where the policy
 * says certificates live, when it does).
 */
import picomatch from 'picomatch';
import { fail, pass, type SubjectResult, subject } from '../probe.ts';
import { effective, effectiveList, type Server } from './servers.ts';

export interface TlsParams {
  /** Protocols that may be accepted (default TLSv1.2, TLSv1.3). */
  protocols?: string[];
  /** Cipher-string words that must not be enabled (default NULL, eNULL, aNULL, EXPORT, RC4, DES, 3DES, MD5, ALL). */
  forbiddenCiphers?: string[];
  /** Globs the certificate files must match, e.g. /etc/letsencrypt/live/*\/fullchain.pem. */
  certificatePaths?: string[];
}

export const DEFAULT_PROTOCOLS = ['TLSv1.2', 'TLSv1.3'];
// nginx 1.22's default when ssl_protocols is not set anywhere.
const NGINX_DEFAULT_PROTOCOLS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
export const DEFAULT_FORBIDDEN_CIPHERS = [
  'NULL',
  'eNULL',
  'aNULL',
  'EXPORT',
  'RC4',
  'DES',
  '3DES',
  'MD5',
  'ALL',
];

/** Words of an OpenSSL cipher string that switch something on (`!X`, `-X` remove; `+X` reorders). */
export function enabledCipherWords(spec: string): string[] {
  return spec
    .split(/[:, ]+/)
    .filter((w) => w && !/^[!+-]/.test(w))
    .flatMap((w) => w.split('+'));
}

/**
 * One subject per TLS server.
 * @example judgeTls(servers, { protocols: ['TLSv1.3'] }, source)
 */
export function judgeTls(servers: Server[], p: TlsParams, source: string): SubjectResult[] {
  const allowed = p.protocols ?? DEFAULT_PROTOCOLS;
  const forbidden = (p.forbiddenCiphers ?? DEFAULT_FORBIDDEN_CIPHERS).map((c) => c.toUpperCase());
  return servers
    .filter((s) => s.tls)
    .map((s) => {
      const protocolsAt = effective(s.level, 'ssl_protocols');
      const protocols = protocolsAt?.args ?? NGINX_DEFAULT_PROTOCOLS;
      const ciphers = effective(s.level, 'ssl_ciphers')?.args[0] ?? 'HIGH:!aNULL:!MD5';
      const certs = effectiveList(s.level, 'ssl_certificate').directives.map((d) => d.args[0] ?? '');
      const keys = effectiveList(s.level, 'ssl_certificate_key').directives.map((d) => d.args[0] ?? '');
      const problems: string[] = [];
      const extra = protocols.filter((x) => !allowed.includes(x));
      if (extra.length)
        problems.push(
          `accepts ${extra.join(', ')}${protocolsAt ? '' : ' (nginx default, ssl_protocols not set)'}`,
        );
      const bad = enabledCipherWords(ciphers).filter((w) => forbidden.includes(w.toUpperCase()));
      if (bad.length) problems.push(`ssl_ciphers enables ${bad.join(', ')}`);
      if (!certs.length || !keys.length) problems.push('no ssl_certificate / ssl_certificate_key');
      const outside = p.certificatePaths?.length
        ? certs.filter((c) => !p.certificatePaths?.some((g) => picomatch.isMatch(c, g, { dot: true })))
        : [];
      if (outside.length)
        problems.push(`certificate ${outside.join(', ')} is not under ${p.certificatePaths?.join(', ')}`);
      const evidence = {
        observed: { protocols, ciphers, certificates: certs, keys },
        expected: {
          protocols: allowed,
          forbiddenCiphers: forbidden,
          ...(p.certificatePaths ? { certificatePaths: p.certificatePaths } : {}),
        },
        source,
        at: `${s.file}:${s.line}`,
      };
      return subject(
        s.name,
        problems.length
          ? fail(`${s.name}: ${problems.join('; ')}`, evidence)
          : pass(`${s.name}: ${protocols.join(' ')}, ${ciphers}, certificate ${certs.join(', ')}`, evidence),
      );
    });
}
