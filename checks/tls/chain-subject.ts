/**
 * What a certificate of a chain is called when it is a subject of its own (tls.certificate,
 * tls.key-size judge each certificate): its place in the chain, its subject CN and serial, so
 * an auditor can tell which certificate to replace, and a renewed one is a new line.
 */
import type { PeerCertificate } from '../transport/tls.ts';

const SERIAL_SHOWN = 16;

/** `leaf`, `intermediate` or `root` (a self-signed certificate past the leaf). */
export function chainRole(c: PeerCertificate, index: number): string {
  if (index === 0) return 'leaf';
  return c.selfSigned ? 'root' : 'intermediate';
}

/**
 * The subject name of a chain certificate.
 * @example certificateName(chain[1], 1) // 'intermediate CN=R3, serial 912B084ACF0C18A7…'
 */
export function certificateName(c: PeerCertificate, index: number): string {
  const who = c.commonName ? `CN=${c.commonName}` : c.subject || 'no subject';
  const serial =
    c.serialNumber.length > SERIAL_SHOWN ? `${c.serialNumber.slice(0, SERIAL_SHOWN)}…` : c.serialNumber;
  return `${chainRole(c, index)} ${who}, serial ${serial}`;
}
