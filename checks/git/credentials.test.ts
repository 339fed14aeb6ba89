// Generic credential assignments and documented example keys in committed files, through
// secretlint's rule mechanism (checks/git/credential-rule.ts), against real git repositories.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commit, makeRepo } from '../../fixtures/lab/git-repos.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { isSecretKey, placeholderReason } from './credential-values.ts';
import { noSecretContent } from './secret-content.ts';
import { localRepo } from './test-repo.ts';

const dir = labDir('git-credentials');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Made at run time, so the value exists nowhere but in this run's repository.
const generated = () => `p${randomBytes(12).toString('base64url')}`;

describe('which keys hold secrets', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['DB_PASS', true],
    ['dbPassword', true],
    ['MYSQL_ROOT_PASSWD', true],
    ['API_KEY', true],
    ['stripe.apiKey', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['PRIVATE_KEY', true],
    ['GITHUB_TOKEN', true],
    ['client_secret', true],
    ['SECRET_KEY_BASE', true],
    ['PASSWORD_MIN_LENGTH', false],
    ['PASSWORD_FILE', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['TOKEN_TTL', false],
    ['PUBLIC_KEY', false],
    ['key', false],
    ['monkey', false],
    ['BYPASS', false],
  ])('%s → %s', (key, secret) => expect(isSecretKey(key)).toBe(secret));
});

describe('which values are placeholders', () => {
  it.each([
    '',
    'changeme',
    'CHANGEME',
    'xxx',
    'XXXXXXXX',
    '****',
    '<your password>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference is the placeholder under test
    '${DB_PASSWORD}',
    '$DB_PASSWORD',
    '%(password)s',
    '{{ vault_db_password }}',
    'example',
    'your-password-here',
    'ENC[AES256_GCM,data:abc]',
    '/run/secrets/db',
    '$1',
    'true',
  ])('%j is a placeholder', (value) => expect(placeholderReason(value)).toBeDefined());
  it.each(['hunter22x', 'Zq8vN2pLx0', 'correct horse battery staple', '1234567'])('%j is a value', (value) =>
    expect(placeholderReason(value)).toBeUndefined(),
  );
});

describe('noSecretContent on credential assignments', () => {
  it('finds DB_PASSWORD in a committed .env: file, line, key, fingerprint, never the value', async () => {
    const password = generated();
    const { work } = makeRepo(dir, 'dotenv');
    commit(work, { '.env': `DB_HOST=db\nDB_USER=app\nDB_PASSWORD=${password}\nDB_PASSWORD_FILE=/run/x\n` });
    const r = await noSecretContent(localRepo(work));
    expect(r.outcome).toBe('fail');
    expect(r.subjects).toHaveLength(1);
    const [env] = r.subjects ?? [];
    expect(env).toMatchObject({
      subject: '.env',
      outcome: 'fail',
      evidence: {
        file: '.env',
        findings: [
          {
            line: 3,
            rule: 'readyspec-credential-assignment',
            kind: 'GenericCredential',
            key: 'DB_PASSWORD',
            length: password.length,
          },
        ],
      },
    });
    expect(env.evidence.findings).toEqual([
      expect.objectContaining({ fingerprint: expect.stringMatching(/^hmac:[0-9a-f]{8}$/) }),
    ]);
    expect(env.message).toContain('line 3 DB_PASSWORD');
    expect(JSON.stringify(r)).not.toContain(password);
    expect(JSON.stringify(r)).not.toContain(password.slice(0, 6));
  });

  it.each([
    ['config/app.ini', (v: string) => `[db]\nhost = db\npassword = ${v}\n`, 3, 'password'],
    ['k8s/values.yaml', (v: string) => `db:\n  user: app\n  password: "${v}"  # prod\n`, 3, 'password'],
    ['config/app.json', (v: string) => `{\n  "smtp": { "host": "mx", "apiKey": "${v}" }\n}\n`, 2, 'apiKey'],
    ['app.properties', (v: string) => `spring.datasource.password=${v}\n`, 1, 'spring.datasource.password'],
    [
      'Dockerfile',
      (v: string) => `FROM lab/busybox:1\nENV APP_ENV=prod\nENV DB_PASSWORD=${v}\n`,
      3,
      'DB_PASSWORD',
    ],
    [
      'docker-compose.yml',
      (v: string) => `services:\n  db:\n    environment:\n      - MYSQL_ROOT_PASSWORD=${v}\n`,
      4,
      'MYSQL_ROOT_PASSWORD',
    ],
  ])('finds the credential in %s', async (file, content, line, key) => {
    const value = generated();
    const { work } = makeRepo(dir, `fmt-${file.replace(/\W+/g, '-')}`);
    commit(work, { [file]: content(value) });
    const r = await noSecretContent(localRepo(work));
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([[file, 'fail']]);
    expect(r.subjects?.[0].evidence.findings).toMatchObject([{ line, key, kind: 'GenericCredential' }]);
    expect(JSON.stringify(r)).not.toContain(value);
  });

  it('passes on templates whose values are placeholders, and on code', async () => {
    const { work } = makeRepo(dir, 'templates', {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} reference is the placeholder under test
      '.env.example': 'DB_PASSWORD=\nAPI_KEY=changeme\nTOKEN=<token>\nSECRET=${SECRET}\n',
      'config/app.ini': '[db]\npassword = %(db_password)s\n',
      'src/db.ts': 'const password = process.env.DB_PASSWORD ?? "fallback-value-1";\n',
    });
    const r = await noSecretContent(localRepo(work));
    expect(r).toMatchObject({ outcome: 'pass', evidence: { observed: 0, scannedFiles: 3 } });
  });

  it('reports AWS’s documented example key pair as such: its own finding, the file passes with a note', async () => {
    const { work } = makeRepo(dir, 'aws-example');
    commit(work, {
      'docs/aws.env':
        'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    });
    const r = await noSecretContent(localRepo(work));
    expect(r.outcome).toBe('pass');
    expect(r.subjects).toMatchObject([
      {
        subject: 'docs/aws.env',
        outcome: 'pass',
        evidence: {
          findings: [
            { line: 1, kind: 'DocumentedExampleKey', documentedExample: 'AWS access key id' },
            { line: 2, kind: 'DocumentedExampleKey', documentedExample: 'AWS secret access key' },
          ],
        },
      },
    ]);
    expect(r.subjects?.[0].message).toMatch(
      /documented example key\(s\), published and not live credentials/,
    );
    const strict = await noSecretContent(localRepo(work), { exampleKeys: 'fail' });
    expect(strict.subjects?.map((s) => s.outcome)).toEqual(['fail']);
  });

  it('judges each file on its own: a real secret fails its file, a clean one is not a subject', async () => {
    const { work } = makeRepo(dir, 'mixed');
    commit(work, {
      '.env': `TOKEN=${generated()}\n`,
      'README.md': 'AKIAIOSFODNN7EXAMPLE is the AWS docs example\n',
      'src/app.ts': 'export {}\n',
    });
    const r = await noSecretContent(localRepo(work));
    expect(r.outcome).toBe('fail');
    expect(r.subjects?.map((s) => [s.subject, s.outcome])).toEqual([
      ['.env', 'fail'],
      ['README.md', 'pass'],
    ]);
  });
});
