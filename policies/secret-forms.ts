/**
 * The forms in which a secret can come back from a target or a library: quoted in JSON, put in
 * a URL or a form body, base64-encoded (a basic-auth pair, a cookie, a JWT part) or hex. Every
 * form is redacted like the secret itself. Pure.
 *
 * Base64 does not encode a string's parts independently: `s` inside a longer string (the
 * password in `user:password`) encodes differently depending on its offset modulo 3. For each
 * of the three offsets the run of whole 3-byte groups inside `s` always encodes to the same
 * characters (its "core"), so redacting the three cores hides `s` in any base64 text, whatever
 * surrounds it; at most two bytes at each edge stay visible.
 */

/** A policy's secret shorter than this is refused at load (policies/secret-refs.ts). */
export const MIN_SECRET_LENGTH = 8;
/**
 * A credential obtained at run time (an OAuth token) is redacted down to this length; a shorter
 * one would turn ordinary words and numbers of every document into [REDACTED].
 */
export const MIN_REDACTED_LENGTH = 4;
/** A base64 core shorter than this could match unrelated base64 text. */
const MIN_CORE_LENGTH = 8;

const b64 = (bytes: Buffer) => bytes.toString('base64');
const b64url = (bytes: Buffer) => bytes.toString('base64url');

function escapeJsonAscii(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `%2f` as well as `%2F`: servers and proxies differ in the case of percent escapes. */
const lowerEscapes = (s: string) => s.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());

/** The three alignment cores of `bytes` in base64 (std and URL alphabets). */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (const start of [0, 1, 2]) {
    const whole = Math.floor((bytes.length - start) / 3) * 3;
    if (whole <= 0) continue;
    const part = bytes.subarray(start, start + whole);
    cores.push(b64(part), b64url(part));
  }
  return cores.filter((c) => c.length >= MIN_CORE_LENGTH);
}

/**
 * Every form of `secret` to redact, the secret first; forms equal to it or to another are given once.
 * @example derivedForms('p@ss w0rd!') // ['p@ss w0rd!', 'p%40ss%20w0rd!', 'p%40ss+w0rd%21', 'cEBzcyB3MHJkIQ==', …]
 */
export function derivedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const uri = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const hex = bytes.toString('hex');
  const forms = [
    secret,
    json,
    json.replace(/\//g, '\\/'),
    escapeJsonAscii(secret),
    uri,
    lowerEscapes(uri),
    form,
    lowerEscapes(form),
    encodeURI(secret),
    escapeHtml(secret),
    b64(bytes),
    b64(bytes).replace(/=+$/, ''),
    b64url(bytes),
    ...base64Cores(bytes),
    hex,
    hex.toUpperCase(),
  ];
  return [...new Set(forms)];
}

/**
 * The parts of a credential that travel alone: the token of `Bearer <token>` or `token <t>`,
 * the pair and password inside `Basic <base64>`, the value of a `name=value` cookie.
 * @example credentialParts('Basic YWxpY2U6czNjcjN0LXB3') // ['YWxpY2U6czNjcjN0LXB3', 'alice:s3cr3t-pw', 's3cr3t-pw']
 */
export function credentialParts(value: string): string[] {
  const parts: string[] = [];
  const scheme = /^([A-Za-z][\w-]*)\s+(\S+)$/.exec(value.trim());
  if (scheme) {
    const [, name, rest] = scheme as unknown as [string, string, string];
    parts.push(rest);
    if (name.toLowerCase() === 'basic') parts.push(...basicPair(rest));
  }
  const cookie = /^[\w.-]+=([^;\s]+)$/.exec(value.trim());
  if (cookie?.[1]) parts.push(cookie[1]);
  return parts.filter((p) => p !== value);
}

/** `user:password` and the password, from the base64 of a basic-auth header (nothing if it is not one). */
function basicPair(encoded: string): string[] {
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // Buffer.from ignores what is not base64; a real pair re-encodes to what was given.
  if (Buffer.from(decoded, 'utf8').toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, ''))
    return [];
  const colon = decoded.indexOf(':');
  if (colon < 0) return [decoded];
  return [decoded, decoded.slice(colon + 1)];
}
