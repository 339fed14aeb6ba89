/**
 * Whether a `key = value` assignment in a configuration file is a credential: the key names a
 * secret (PASSWORD, TOKEN, API_KEY…, judged word by word, so `PASSWORD_MIN_LENGTH` and
 * `AWS_ACCESS_KEY_ID` are not) and the value is a real one, not a placeholder, a reference to
 * somewhere else (`${VAR}`, `%(x)s`, `{{ x }}`, a path) or a plain flag or number.
 */

/** A key's last words that name a secret on their own. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'secretkey',
  'privatekey',
  'accesskey',
]);
/** `<qualifier> key`: API_KEY, PRIVATE_KEY, ENCRYPTION_KEY… (a bare `key` names nothing). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'private',
  'secret',
  'encryption',
  'signing',
  'master',
  'client',
  'app',
  'auth',
  'license',
  'hmac',
]);
/** Last words that describe a secret without holding it (its file, length, lifetime, name…). */
const DESCRIPTIVE = new Set(
  `id file path dir url uri endpoint host port length len min max minimum maximum expiry expires
   expiration ttl timeout lifetime age type name user username enabled enable disabled required policy
   format header prefix suffix algorithm algo count size rotation rotate mode env var variable hint
   regex pattern field param label ref`.split(/\s+/),
);

/** Words of a key: `DB_PASSWORD`, `db.password`, `dbPassword` → ['db', 'password']. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True when the key names a secret held in its value.
 * @example isSecretKey('DB_PASSWORD') // true; isSecretKey('PASSWORD_FILE') // false
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1);
  if (!last || DESCRIPTIVE.has(last)) return false;
  if (last === 'key') return words.length > 1 && KEY_QUALIFIERS.has(words.at(-2) as string);
  if (words.includes('public')) return false;
  return SECRET_WORDS.has(last) || (last === 'base' && words.includes('secret'));
}

const PLACEHOLDER_WORDS = new Set(
  `changeme change-me change_me changeit password passwd secret token example sample placeholder
   dummy fake test todo tbd fixme redacted hidden none null nil undefined empty default your-password
   your_password yourpassword your-token your_token yourtoken your-secret your_secret replace-me
   replace_me replaceme insert-here required optional true false yes no on off`.split(/\s+/),
);

/**
 * Why a value is not a credential (placeholder, reference, flag, path), or undefined when it is one.
 * @example placeholderReason('${DB_PASSWORD}') // 'a variable reference'
 */
export function placeholderReason(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'empty';
  const lower = v.toLowerCase();
  if (PLACEHOLDER_WORDS.has(lower)) return 'a placeholder word';
  if (/^(x+|\*+|\.+|-+|_+|#+|0+)$/i.test(v)) return 'a run of filler characters';
  if (/^<[^<>]*>$|^\[[^[\]]*\]$/.test(v)) return 'an <angle-bracket> placeholder';
  if (/^\$\{[^}]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$|^\$\([^)]*\)$|^\$[0-9@*]$/.test(v))
    return 'a variable reference';
  if (/^\{\{.*\}\}$|^%\([^)]+\)[sd]$|^%[A-Za-z_][A-Za-z0-9_]*%$|^#\{.*\}$/.test(v))
    return 'a template reference';
  if (/^!(vault|env|secret|ref)\b|^ENC\[|^vault:|^secret:|^env:|^op:\/\/|^arn:aws:secretsmanager:/i.test(v))
    return 'a reference to a secret store';
  if (/^(\/|\.\/|\.\.\/|~\/)\S*$/.test(v)) return 'a path';
  if (/(^|[-_ ])(example|changeme|placeholder|your)([-_ ]|$)/i.test(v)) return 'a placeholder phrase';
  return undefined;
}
