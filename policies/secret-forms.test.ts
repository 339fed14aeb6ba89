import { describe, expect, it } from 'vitest';
import { credentialParts, derivedForms } from './secret-forms.ts';

const SECRETS = ['s3cr3t-Tok3n_42', 'p@ss w0rd!/"é~*', 'ab+/cd==ef?&x', 'ünïcødé-pässwörd'];
const AROUND = ['', 'a', 'ab', 'abc', 'user:', 'Bearer ', '{"k":"', 'x'.repeat(7)];

describe('derivedForms', () => {
  it.each([
    ['JSON-escaped', 'say "hi"\\now', 'say \\"hi\\"\\\\now'],
    ['JSON with escaped slashes', 'a/b/c/d/e', 'a\\/b\\/c\\/d\\/e'],
    ['JSON ASCII-only', 'pässword', 'p\\u00e4ssword'],
    ['encodeURIComponent', 'p@ss w0rd!', 'p%40ss%20w0rd!'],
    ['lower-case percent escapes', 'a/b?c=d&e', 'a%2fb%3fc%3dd%26e'],
    ['form encoding', "p@ss w0rd!'", 'p%40ss+w0rd%21%27'],
    ['encodeURI', 'x y/z?q', 'x%20y/z?q'],
    ['HTML', '<a&b>"\'', '&lt;a&amp;b&gt;&quot;&#39;'],
    ['base64', 'hunter22!', 'aHVudGVyMjIh'],
    ['base64 without padding', 'hunter222', 'aHVudGVyMjIy'],
    ['base64url', '??>>??>>', 'Pz8-Pj8_Pj4'],
    ['hex', 'hunter22', '68756e7465723232'],
    ['HEX', 'hunter22', '68756E7465723232'],
  ])('%s', (_name, secret, form) => {
    expect(derivedForms(secret)).toContain(form);
  });

  it('starts with the secret itself and lists each form once', () => {
    const forms = derivedForms('plainsecret1');
    expect(forms[0]).toBe('plainsecret1');
    expect(new Set(forms).size).toBe(forms.length);
  });

  // The classes, not cases: whatever surrounds a secret, each encoding of the whole text holds
  // one of its forms, so redacting the forms hides it.
  it.each(SECRETS)('%s: every encoding of any text around it contains one of its forms', (secret) => {
    const forms = derivedForms(secret);
    const holds = (encoded: string) => forms.some((f) => encoded.includes(f));
    for (const before of AROUND) {
      for (const after of AROUND) {
        const text = `${before}${secret}${after}`;
        const bytes = Buffer.from(text, 'utf8');
        expect(holds(bytes.toString('base64')), `base64 of ${text}`).toBe(true);
        expect(holds(bytes.toString('base64url')), `base64url of ${text}`).toBe(true);
        expect(holds(bytes.toString('hex')), `hex of ${text}`).toBe(true);
        expect(holds(encodeURIComponent(text)), `URI of ${text}`).toBe(true);
        expect(holds(new URLSearchParams({ q: text }).toString()), `form of ${text}`).toBe(true);
        expect(holds(JSON.stringify({ v: text })), `JSON of ${text}`).toBe(true);
      }
    }
  });

  it('a basic-auth header of any user holds a form of the password', () => {
    const password = 's3cr3t-basic-pw';
    const forms = derivedForms(password);
    for (const user of ['a', 'ab', 'abc', 'auditor', 'ops@example.test']) {
      const header = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
      expect(forms.some((f) => header.includes(f))).toBe(true);
    }
  });
});

describe('credentialParts', () => {
  const basic = Buffer.from('alice:s3cr3t-pw').toString('base64');
  it.each([
    ['Bearer sk-live-1234567890', ['sk-live-1234567890']],
    ['token ghp_abcdefghijklmnop', ['ghp_abcdefghijklmnop']],
    [`Basic ${basic}`, [basic, 'alice:s3cr3t-pw', 's3cr3t-pw']],
    ['Basic not-base64!!', ['not-base64!!']],
    ['session=abcd1234', ['abcd1234']],
    ['just-a-token-value', []],
    ['two words here', []],
  ])('%s', (value, parts) => {
    expect(credentialParts(value)).toEqual(parts);
  });
});
