import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError, type PolicyProblem } from './errors.ts';
import { loadPolicy } from './load.ts';
import { locateProblems } from './locate.ts';

const TEXT = `# comment
controls:
  - id: SEC-A-001
    severity: hgih
  - { id: SEC-B-001, severity: low, params: { expect: [200, "x"] } }
inventory:
  hosts:
    - name: web
      address:
`;

describe('YAML positions of JSON paths', () => {
  it.each([
    ['/controls/0/severity', 4, 15],
    ['/controls/1/params/expect/1', 5, 61],
    ['/controls/1/severity', 5, 32],
    ['/inventory/hosts/0/address', 9, 7],
    ['/controls/0/missing', 3, 5],
  ])('%s → %i:%i', (path, line, column) => {
    const problems = [{ file: 'p.yaml', path, message: 'x' }];
    locateProblems(problems, () => TEXT);
    expect(problems[0]).toMatchObject({ line, column });
  });

  it('leaves a problem without a readable file as it was', () => {
    const problems: PolicyProblem[] = [{ file: 'gone.yaml', path: '/controls/0', message: 'x' }];
    locateProblems(problems, () => {
      throw new Error('ENOENT');
    });
    expect(problems[0]?.line).toBeUndefined();
  });
});

describe('validate: schema and semantic problems in one pass, each with its line', () => {
  it('reports a bad severity, an unknown field, an unknown check and bad params together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-onepass-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'policy.yaml'),
      `inventory:
  hosts:
    - { name: local, transport: local }
controls:
  - id: SEC-FILE-001
    title: passwd
    category: security
    severity: hgih
    check: host.file-mode
    params: { path: /etc/passwd, maxMode: "644" }
  - { id: SEC-FILE-002, title: t, category: security, severity: low, check: host.file-mod }
  - { id: SEC-FILE-003, title: t, category: security, severity: low, check: host.file-mode, params: { path: /etc/passwd, maxMode: "999" } }
  - { id: SEC-FILE-004, title: t, category: security, severity: low, check: host.file-mode, bogus: 1 }
waivers:
  - { control: SEC-FILE-001, target: local, justification: refused with its control, owner: a, approver: b, expires: "2027-01-01" }
`,
    );
    const err = await loadPolicy(join(dir, 'policy.yaml'), { today: '2026-11-23' }).catch((e) => e);
    expect(err).toBeInstanceOf(PolicyError);
    const shown = (err as PolicyError).problems.map((p) => `${p.line}:${p.column} ${p.path}`);
    expect(shown).toEqual([
      '8:15 /controls/0/severity',
      '13:100 /controls/3/bogus',
      '11:77 /controls/1/check',
      '12:131 /controls/2/params/maxMode',
    ]);
    expect((err as PolicyError).message).toContain(
      'unknown check "host.file-mod" (did you mean "host.file-mode"?)',
    );
    expect((err as PolicyError).message).toContain(`${join(dir, 'policy.yaml')}:8:15)`);
    // The waiver names a control the schema refused: "no control with that id" is withheld.
    expect((err as PolicyError).message).not.toContain('no control with that id');
  });
});
