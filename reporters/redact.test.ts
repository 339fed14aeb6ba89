import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { derivedForms } from '../policies/secret-forms.ts';
import {
  isPlainValue,
  REDACTED,
  redactJson,
  redactResult,
  redactRow,
  redactText,
  reportSecretForms,
  secretValues,
} from './redact.ts';
import { samplePolicy, sampleRow } from './sample.ts';

describe('secretValues', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads every secret the policy references: header, monitoring and repository tokens, backup password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-redact-'));
    writeFileSync(join(dir, 'restic.pass'), 'correct-horse-battery\n');
    process.env.RS_API_KEY = 'Bearer sk-live-1234567890';
    process.env.RS_GRAFANA = 'glsa_graf4na_token';
    process.env.RS_GH = 'ghp_abcdefghijklmnop';
    const policy = samplePolicy({
      baseDir: dir,
      inventory: {
        hosts: [],
        endpoints: [
          {
            name: 'api',
            url: 'https://api',
            headers: {
              Authorization: { env: 'RS_API_KEY' },
              'X-Cookie': 'session=abcd1234',
              Accept: 'text/html',
            },
          },
        ],
        monitoring: [{ name: 'g', kind: 'grafana', url: 'http://g', token: { env: 'RS_GRAFANA' } }],
        repositories: [{ name: 'r', github: 'o/r', token: { env: 'RS_GH' } }],
        documents: [],
        backups: [
          { name: 'b', kind: 'restic', path: '/b', password: { file: 'restic.pass' } },
          { name: 'c', kind: 'restic', path: '/c', password: { env: 'RS_UNSET' } },
        ],
        phases: [],
      },
    });
    expect(new Set(secretValues(policy))).toEqual(
      new Set([
        'Bearer sk-live-1234567890',
        'sk-live-1234567890',
        'glsa_graf4na_token',
        'ghp_abcdefghijklmnop',
        'correct-horse-battery',
        'session=abcd1234',
      ]),
    );
  });
});

describe('redaction', () => {
  const secrets = ['sk-live-1234567890', 'hunter22'];

  it.each([
    [
      'a known secret inside a message',
      'got 401 with key sk-live-1234567890 from api',
      `got 401 with key ${REDACTED} from api`,
    ],
    [
      'URL user and password',
      'GET https://bob:pa55@db.example:5432/x failed',
      `GET https://${REDACTED}@db.example:5432/x failed`,
    ],
    [
      'URL token userinfo',
      'clone https://ghp_x1y2@github.com/o/r',
      `clone https://${REDACTED}@github.com/o/r`,
    ],
    ['e-mail addresses stay', 'owner ops@example.com', 'owner ops@example.com'],
    ['plain text stays', 'all 3 targets up', 'all 3 targets up'],
  ])('%s', (_name, input, expected) => {
    expect(redactText(input, secrets)).toBe(expected);
  });

  it('redacts strings under secret-looking keys at any depth, and leaves counts like `passed` alone', () => {
    const evidence = {
      observed: {
        headers: { Authorization: 'Bearer abc', 'set-cookie': ['a=1', 'b=2'], 'content-type': 'text/html' },
      },
      config: {
        password: 'x',
        api_key: 'y',
        apiKey: 'z',
        privateKey: 'k',
        client_secret: 's',
        GITHUB_TOKEN: 't',
      },
      passed: 3,
      passing: ['AVAIL-1'],
      note: 'contains hunter22 here',
      expected: { tokenRequired: true },
    };
    expect(redactJson(evidence, secrets)).toEqual({
      observed: {
        headers: { Authorization: REDACTED, 'set-cookie': [REDACTED, REDACTED], 'content-type': 'text/html' },
      },
      config: {
        password: REDACTED,
        api_key: REDACTED,
        apiKey: REDACTED,
        privateKey: REDACTED,
        client_secret: REDACTED,
        GITHUB_TOKEN: REDACTED,
      },
      passed: 3,
      passing: ['AVAIL-1'],
      note: `contains ${REDACTED} here`,
      expected: { tokenRequired: true },
    });
  });

  it('redacts a row: message, evidence and remediation', () => {
    const row = sampleRow({
      id: 'X',
      message: 'token hunter22 rejected',
      evidence: { source: 'https://u:hunter22@h/', observed: 'hunter22' },
      remediation: 'rotate hunter22',
    });
    const safe = redactRow(row, secrets);
    expect(JSON.stringify(safe)).not.toContain('hunter22');
    expect(safe.evidence).toEqual({ source: `https://${REDACTED}@h/`, observed: REDACTED });
  });
});

describe('redaction judges values, not key names alone', () => {
  it.each([
    ['passwordauthentication', 'no', 'no'],
    ['PasswordAuthentication', 'yes', 'yes'],
    ['permitemptypasswords', 'No', 'No'],
    ['tokenRequired', 'true', 'true'],
    ['secret_enabled', 'off', 'off'],
    ['password', 'prohibit-password', 'prohibit-password'],
    ['api_key_rotation_days', '90', '90'],
    ['token_ttl', '30m', '30m'],
    ['passwordFile', '/etc/borg/passphrase', '/etc/borg/passphrase'],
    ['secret_path', '~/.config/app/token', '~/.config/app/token'],
    ['password', REDACTED, REDACTED],
    ['password', 'hunter22', REDACTED],
    ['password', 'x', REDACTED],
    ['api_key', 'sk-live-abcdef', REDACTED],
    ['token', '12345678901234567890', REDACTED],
    ['token', '/aB3dE5fG7hJ9kL1mN3pQ5rS', REDACTED],
    ['authorization', 'Bearer no', REDACTED],
    ['client_secret', 'yes please', REDACTED],
  ])('%s: %j → %j', (key, value, shown) => {
    expect(redactJson({ [key]: value }, [])).toEqual({ [key]: shown });
  });

  it('keeps plain values in lists and nested objects under a secret key, and known secrets still go', () => {
    const evidence = { observed: { passwordauthentication: 'no', password: ['on', 'hunter22', '8'] } };
    expect(redactJson(evidence, ['hunter22'])).toEqual({
      observed: { passwordauthentication: 'no', password: ['on', REDACTED, '8'] },
    });
  });

  it('never takes a plain header value for a literal secret (it would be redacted everywhere)', () => {
    const policy = samplePolicy({
      inventory: {
        hosts: [],
        endpoints: [
          { name: 'a', url: 'https://a', headers: { 'X-Token-Required': 'true', 'X-Api-Key': 'k3y-l1ve-x' } },
        ],
        monitoring: [],
        repositories: [],
        documents: [],
        backups: [],
        phases: [],
      },
    });
    expect(secretValues(policy)).toEqual(['k3y-l1ve-x']);
    expect(isPlainValue('true')).toBe(true);
  });
});

describe('redaction copies only what it changes', () => {
  it('returns a clean row as it is, and copies just the path to a secret without touching the original', () => {
    const clean = sampleRow({ id: 'A', evidence: { observed: 200, urls: ['http://web/a'] } });
    expect(redactRow(clean, ['hunter22'])).toBe(clean);

    const evidence = {
      observed: 'ok',
      nested: { list: ['plain', 'token=hunter22'], other: { n: 1 } },
      skipped: undefined,
    };
    const out = redactJson(evidence as never, ['hunter22']) as unknown as typeof evidence;
    expect(out.nested.list).toEqual(['plain', `token=${REDACTED}`]);
    expect(out.nested.other).toBe(evidence.nested.other);
    expect('skipped' in out).toBe(false);
    expect(evidence.nested.list[1]).toBe('token=hunter22');
  });
});

describe('redaction of every registered form, everywhere', () => {
  const secret = 'tok-3xample-S3cret/+=';
  const forms = derivedForms(secret);
  const b64 = Buffer.from(secret).toString('base64');
  const basic = Buffer.from(`auditor:${secret}`).toString('base64');

  it.each([
    ['raw', `got ${secret} back`],
    ['URL-encoded in a Location', `302 to /login?next=%2F&token=${encodeURIComponent(secret)}`],
    ['form-encoded in a body', `client_secret=${new URLSearchParams({ s: secret }).toString().slice(2)}`],
    ['JSON-escaped', JSON.stringify({ echo: secret })],
    ['base64', `X-Echo: ${b64}`],
    ['inside a basic-auth pair', `Authorization: Basic ${basic}`],
    ['hex', Buffer.from(secret).toString('hex')],
  ])('%s', (_name, text) => {
    const out = redactText(text, forms);
    expect(out).toContain(REDACTED);
    for (const f of forms) expect(out).not.toContain(f);
  });

  it('redacts keys as well as values, and keeps two keys that redact alike apart', () => {
    const evidence = { headers: { [`x-${secret}`]: 'a', [`x-${b64}`]: 'b', plain: 'c' } };
    const out = redactJson(evidence, forms);
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(out.headers).toEqual({ [`x-${REDACTED}`]: 'a', [`x-${REDACTED} (2)`]: 'b', plain: 'c' });
  });

  it('a probe result loses secrets in its message, evidence and subjects (names too); a clean one is returned as is', () => {
    const result = {
      outcome: 'fail' as const,
      message: `echoed ${secret}`,
      evidence: { observed: { token: b64 } },
      subjects: [
        { subject: `route ${secret}`, outcome: 'fail' as const, message: 'x', evidence: {} },
        { subject: 'clean', outcome: 'pass' as const, message: 'ok', evidence: {} },
      ],
    };
    const out = redactResult(result, forms);
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(JSON.stringify(out)).not.toContain(b64);
    expect(out.subjects?.[0]?.subject).toBe(`route ${REDACTED}`);
    expect(out.subjects?.[1]).toBe(result.subjects[1]);
    const clean = { outcome: 'pass' as const, message: 'ok', evidence: { observed: 1 } };
    expect(redactResult(clean, forms)).toBe(clean);
  });

  it('a row loses secrets in its title, subject, message, remediation and waiver', () => {
    const row = sampleRow({
      id: 'X',
      title: `title ${secret}`,
      subject: `s ${secret}`,
      message: 'm',
      remediation: `rotate ${secret}`,
    });
    expect(JSON.stringify(redactRow(row, forms))).not.toContain(secret);
  });

  it("a report's forms include the policy's own secrets when this process never read them (a merge job)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-redact-'));
    writeFileSync(join(dir, 'k'), `${secret}\n`);
    const policy = samplePolicy({
      baseDir: dir,
      controls: [
        {
          id: 'BAK-API-001',
          title: 't',
          category: 'backup-dr',
          severity: 'high',
          check: 'http.json',
          params: { nested: [{ deep: { token: { file: 'k' } } }] },
        },
      ],
    });
    const all = reportSecretForms(policy);
    for (const f of forms) expect(all).toContain(f);
  });
});

describe('plain values with their provenance', () => {
  it.each([
    ['yes (/etc/ssh/sshd_config.d/50-deploy.conf:3)', true],
    ['Match User deploy: yes (/tmp/readyspec-estate-ssh-5CLXMI/50-deploy.conf:3)', true],
    ['/tmp/readyspec-estate-ssh-5CLXMI/etc/ssh/sshd_config', true],
    ['no (default)', true],
    ['password: hunter22', false],
    ['yes (hunter22)', false],
    ['Match User deploy: s3cretPassw0rd', false],
    ['/keys/AbCdEfGh12345678XyZ', false],
  ])('%j is plain: %s', (value, plain) => expect(isPlainValue(value)).toBe(plain));
});
