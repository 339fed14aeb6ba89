/**
 * A policy names the TypeScript controls it runs (`custom:`): the names are checked against
 * what specs/custom defines (the shipped catalog, found by importing the spec files), before
 * anything runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomCatalog, CustomControlInfo } from './custom.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';

function policy(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-custom-policy-'));
  writeFileSync(join(dir, 'policy.yaml'), text);
  return dir;
}

const today = '2026-12-02';
const HOST = 'inventory:\n  hosts: [{ name: local, transport: local }]\n';
// A policy needs one control at least (check-rubric.ts); this one names no TypeScript control.
const ONE_CONTROL =
  'controls:\n  - { id: SEC-FILE-001, title: t, category: security, severity: high, check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" } }\n';
const defined: CustomControlInfo[] = [
  {
    id: 'REL-CUS-001',
    title: 't',
    category: 'reliability',
    severity: 'low',
    target: 'x',
    file: 'specs/custom/a.spec.ts',
  },
  {
    id: 'REL-ODD-001',
    title: 't',
    category: 'no-such',
    severity: 'low',
    target: 'x',
    file: 'specs/custom/b.spec.ts',
  },
];
const catalog = async () => defined;

/** Problems loading `text`; 'shipped' is the loader's own catalog (specs/custom). */
async function problems(
  text: string,
  customControls: CustomCatalog | 'shipped' = catalog,
): Promise<string[]> {
  try {
    await loadPolicy(policy(text), customControls === 'shipped' ? { today } : { today, customControls });
  } catch (err) {
    if (err instanceof PolicyError) return err.problems.map((p) => `${p.path ?? ''} ${p.message}`);
    throw err;
  }
  return [];
}

describe('custom: in a policy', () => {
  it('finds the shipped example in specs/custom by importing its spec file', async () => {
    const loaded = await loadPolicy(policy(`${HOST}custom: [REL-NODE-001]\n`), { today });
    expect(loaded.custom).toEqual(['REL-NODE-001']);
  });

  it('is empty, and asks for no catalog, when the policy names none', async () => {
    const asked: string[] = [];
    const loaded = await loadPolicy(policy(HOST + ONE_CONTROL), {
      today,
      customControls: async () => {
        asked.push('catalog');
        return defined;
      },
    });
    expect(loaded.custom).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('refuses a name no spec file defines, listing those that exist', async () => {
    expect(await problems(`${HOST}custom: [REL-NOPE-001]\n`)).toEqual([
      '/custom/0 custom: no control REL-NOPE-001 is defined in specs/custom (defined there: REL-CUS-001, REL-ODD-001)',
    ]);
  });

  it('refuses the shipped catalog a name it does not hold', async () => {
    const found = await problems(`${HOST}custom: [REL-NODE-002]\n`, 'shipped');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /no control REL-NODE-002 is defined in specs\/custom \(defined there: .*REL-NODE-001/,
    );
  });

  it('refuses a category the rubric lacks, an id shared with YAML, and an invalid id', async () => {
    expect(await problems(`${HOST}custom: [REL-ODD-001]\n`)).toEqual([
      expect.stringContaining('custom: REL-ODD-001 (specs/custom/b.spec.ts) is in category "no-such"'),
    ]);
    const yaml = `${HOST}custom: [REL-CUS-001]\ncontrols:\n  - { id: REL-CUS-001, title: t, category: reliability, severity: low, check: host.disk }\n`;
    expect(await problems(yaml)).toEqual([
      "/custom/0 custom: REL-CUS-001 is also the id of a control in the policy's YAML",
    ]);
    expect((await problems(`${HOST}custom: [node]\n`))[0]).toMatch(/^\/custom\/0 must match/);
  });

  it('says which spec file could not be loaded', async () => {
    const broken = async () => {
      throw new Error('specs/custom/x.spec.ts: could not be loaded to list its controls: boom');
    };
    expect(await problems(`${HOST}custom: [REL-CUS-001]\n`, broken)).toEqual([
      '/custom/0 TypeScript controls: specs/custom/x.spec.ts: could not be loaded to list its controls: boom',
    ]);
  });

  it('lets a waiver name a custom control the policy runs', async () => {
    const text = `${HOST}custom: [REL-CUS-001]\nwaivers:\n  - { control: REL-CUS-001, justification: retired next sprint, owner: a, approver: b, expires: "2026-12-20" }\n`;
    expect(await problems(text)).toEqual([]);
    const unnamed = `${HOST}${ONE_CONTROL}waivers:\n  - { control: REL-CUS-001, justification: retired next sprint, owner: a, approver: b, expires: "2026-12-20" }\n`;
    expect(await problems(unnamed)).toEqual([
      '/waivers/0/control waiver for REL-CUS-001: no control with that id',
    ]);
  });
});
