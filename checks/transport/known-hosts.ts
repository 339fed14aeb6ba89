/**
 * known_hosts verification as OpenSSH does it: plain, wildcard and hashed (|1|salt|hmac)
 * host patterns, the [host]:port form for non-22 ports, @revoked keys. A key is accepted
 * only when an entry for this host carries exactly the offered key.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type HostKeyVerdict =
  | { ok: true; fingerprint: string; file: string }
  | {
      ok: false;
      reason: 'unknown' | 'changed' | 'revoked';
      fingerprint: string;
      keyType: string;
      files: string[];
    };

/** `SHA256:…` as `ssh-keygen -l` prints it. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the head of an SSH wire-format public key blob. */
export function keyTypeOf(keyBlob: Buffer): string {
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('ascii');
}

/** How OpenSSH names a host in known_hosts: `name` on port 22, `[name]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * OpenSSH's own pattern language (ssh_config(5) PATTERNS: only `*` and `?`, case-insensitive),
 * not a glob: picomatch would read the brackets of `[host]:2222` as a character class.
 */
function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}

function patternMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const p of field.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) matched = true;
  }
  return matched;
}

interface Entry {
  marker?: string;
  keyType: string;
  key: Buffer;
  file: string;
}

function entriesFor(names: string[], files: string[]): Entry[] {
  const entries: Entry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const raw of text.split('\n')) {
      const fields = raw.trim().split(/\s+/);
      if (!fields[0] || fields[0].startsWith('#')) continue;
      const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
      if (fields.length < 3 || marker === '@cert-authority') continue;
      if (names.some((n) => patternMatches(fields[0], n))) {
        entries.push({ marker, keyType: fields[1], key: Buffer.from(fields[2], 'base64'), file });
      }
    }
  }
  return entries;
}

/**
 * Decides whether `keyBlob`, offered by `host:port`, is the key known_hosts records.
 * @example verifyHostKey(blob, '127.0.0.31', 2222, ['/root/.ssh/known_hosts'])
 */
export function verifyHostKey(
  keyBlob: Buffer,
  host: string,
  port: number,
  files: string[],
  alias?: string,
): HostKeyVerdict {
  const names = [
    knownHostsName(host, port),
    ...(alias && alias !== host ? [knownHostsName(alias, port)] : []),
  ];
  const fp = fingerprint(keyBlob);
  const entries = entriesFor(names, files);
  const same = entries.filter((e) => e.key.equals(keyBlob));
  const keyType = keyTypeOf(keyBlob);
  if (same.some((e) => e.marker === '@revoked'))
    return { ok: false, reason: 'revoked', fingerprint: fp, keyType, files };
  if (same.length) return { ok: true, fingerprint: fp, file: same[0].file };
  return {
    ok: false,
    reason: entries.some((e) => !e.marker) ? 'changed' : 'unknown',
    fingerprint: fp,
    keyType,
    files,
  };
}
