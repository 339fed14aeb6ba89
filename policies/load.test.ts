import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pass } from '../checks/probe.ts';
import { defineProbe, ProbeRegistry } from '../checks/registry.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';

// A registry of two probes with real params schemas: these tests are about the loader.
const registry = new ProbeRegistry([
  defineProbe({
    name: 'http.status',
    summary: 'status',
    target: 'endpoint',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { expect: { type: 'array', items: { type: 'integer' } } },
    },
    run: async () => pass('ok', {}),
  }),
  defineProbe({
    name: 'host.disk',
    summary: 'disk',
    target: 'host',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { maxPercent: { type: 'number', maximum: 100 } },
    },
    run: async () => pass('ok', {}),
  }),
]);

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-policy-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const inventory = `inventory:
  hosts: [{ name: web1, address: 127.0.0.1, groups: [web] }]
  endpoints: [{ name: site, url: "https://example.test/" }]
`;
const control = (extra = '') => `controls:
  - id: AVA-HTTP-001
    title: Site answers
    category: availability
    severity: high
    check: http.status
${extra}`;

async function problemsOf(files: Record<string, string>, today = '2026-11-23'): Promise<string> {
  try {
    await loadPolicy(policyDir(files), { registry, today });
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as PolicyError).message;
  }
  throw new Error('expected the policy to be refused');
}

describe('loadPolicy', () => {
  it('loads a valid directory policy and merges the default rubric', async () => {
    const policy = await loadPolicy(policyDir({ 'inventory.yaml': inventory, 'controls.yaml': control() }), {
      registry,
      today: '2026-11-23',
    });
    expect(policy.controls.map((c) => c.id)).toEqual(['AVA-HTTP-001']);
    expect(policy.rubric.categories.availability.weight).toBe(20);
    expect(policy.inventory.hosts[0].name).toBe('web1');
  });

  it.each([
    [
      'YAML syntax errors with file:line:column',
      { 'a.yaml': 'controls:\n  - id: X\n   bad: indent\n' },
      /a\.yaml:3:\d+: YAML syntax: /,
    ],
    [
      'duplicate YAML keys',
      { 'a.yaml': 'inventory: {}\ninventory: {}\n' },
      /a\.yaml:2:\d+: YAML syntax: duplicated mapping key/,
    ],
    [
      'unknown fields, naming what is allowed',
      { 'a.yaml': `${inventory}  hostz: []\n` },
      /a\.yaml \/inventory\/hostz: unknown field "hostz"; allowed here: hosts, endpoints/,
    ],
    [
      'a wrong enum value, with what was expected',
      { 'a.yaml': inventory + control().replace('severity: high', 'severity: urgent') },
      /\/controls\/0\/severity: must be one of info, low, medium, high, critical \(got "urgent"\)/,
    ],
    [
      'an inline secret instead of a reference',
      {
        'a.yaml':
          'inventory:\n  monitoring: [{ name: g, kind: grafana, url: "http://x/", token: "glsa_abc" }]\n',
      },
      /\/inventory\/monitoring\/0\/token: must be object/,
    ],
    [
      'hostile names',
      { 'a.yaml': 'inventory:\n  hosts: [{ name: "web; rm -rf /", address: "$(reboot)" }]\n' },
      /\/inventory\/hosts\/0\/name: must match .*\n.*\/inventory\/hosts\/0\/address: must match/,
    ],
    [
      'an unknown check, suggesting the nearest',
      { 'a.yaml': inventory + control().replace('http.status', 'http.statuss') },
      /unknown check "http.statuss" \(did you mean "http.status"\?\)/,
    ],
    [
      'params that break the probe schema',
      { 'a.yaml': `${inventory + control()}    params: { expect: ["200"] }\n` },
      /\/controls\/0\/params\/expect\/0: control AVA-HTTP-001: must be integer/,
    ],
    [
      'duplicate control ids across files',
      { 'a.yaml': inventory + control(), 'b.yaml': control() },
      /b\.yaml \/controls\/0: duplicate control id AVA-HTTP-001 \(first defined in .*a\.yaml \/controls\/0\)/,
    ],
    [
      'a selector naming an unknown target',
      { 'a.yaml': `${inventory + control()}    targets: [shop]\n` },
      /no endpoint named "shop" in the inventory \(known: site\)/,
    ],
    [
      'a selector that matches nothing',
      { 'a.yaml': `${inventory + control()}    targets: { groups: [nope] }\n` },
      /AVA-HTTP-001: selects no endpoint/,
    ],
    [
      'an unknown category',
      { 'a.yaml': inventory + control().replace('availability', 'availabilty') },
      /unknown category "availabilty"; the rubric has availability, reliability/,
    ],
  ])('refuses %s', async (_what, files, expected) => {
    expect(await problemsOf(files as Record<string, string>)).toMatch(expected);
  });

  const waiver = (fields: string) => `waivers:\n  - control: AVA-HTTP-001\n${fields}`;
  const fullWaiver =
    '    justification: vendor fix due next sprint\n    owner: alice\n    approver: bob\n    expires: "2026-12-01"\n';

  it.each([
    [
      'a waiver for an unknown control',
      waiver(fullWaiver).replace('AVA-HTTP-001', 'AVA-HTTP-999'),
      /waivers\/0\/control: waiver for AVA-HTTP-999: no control with that id/,
    ],
    [
      'a waiver without justification',
      waiver(fullWaiver.replace('    justification: vendor fix due next sprint\n', '')),
      /missing required field "justification"/,
    ],
    [
      'a waiver without owner',
      waiver(fullWaiver.replace('    owner: alice\n', '')),
      /missing required field "owner"/,
    ],
    [
      'a waiver without approver',
      waiver(fullWaiver.replace('    approver: bob\n', '')),
      /missing required field "approver"/,
    ],
    [
      'a waiver without expiry',
      waiver(fullWaiver.replace('    expires: "2026-12-01"\n', '')),
      /missing required field "expires"/,
    ],
    [
      'an approver equal to the owner',
      waiver(fullWaiver.replace('bob', 'Alice')),
      /the approver must be someone other than the owner/,
    ],
    [
      'an expiry beyond the rubric limit',
      waiver(fullWaiver.replace('2026-12-01', '2027-06-01')),
      /expires 2027-06-01, more than 90 days ahead .* the latest allowed is 2027-02-21/,
    ],
  ])('refuses %s', async (_what, text, expected) => {
    expect(await problemsOf({ 'a.yaml': inventory + control(), 'w.yaml': text })).toMatch(expected);
  });

  it('warns about an expired waiver and keeps loading', async () => {
    const text = waiver(fullWaiver.replace('2026-12-01', '2026-11-01'));
    const policy = await loadPolicy(policyDir({ 'a.yaml': inventory + control(), 'w.yaml': text }), {
      registry,
      today: '2026-11-23',
    });
    expect(policy.warnings.join('\n')).toMatch(
      /waiver for AVA-HTTP-001 expired on 2026-11-01; the control counts as unwaived/,
    );
  });

  it('reports every problem at once, not just the first', async () => {
    const text = `${inventory + control().replace('http.status', 'http.nope')}  - id: SEC-DISK-001\n    title: t\n    category: security\n    severity: low\n    check: host.disk\n    params: { maxPercent: 101 }\n`;
    const message = await problemsOf({ 'a.yaml': text });
    expect(message).toMatch(/\(2 problems\)/);
    expect(message).toMatch(/unknown check "http.nope"/);
    expect(message).toMatch(/maxPercent: control SEC-DISK-001: must be <= 100/);
  });

  it('refuses a missing policy path and an unknown pack', async () => {
    await expect(loadPolicy('/nonexistent/policy', { registry })).rejects.toThrow(
      /no such file or directory/,
    );
    expect(await problemsOf({ 'a.yaml': 'extends: [no-such-pack]\n' })).toMatch(
      /unknown pack "no-such-pack"/,
    );
  });
});

describe('packs', () => {
  it('lets the user override a pack control field by field or drop it', async () => {
    const { PACKS_DIR } = await import('./load.ts');
    const name = `test-pack-${process.pid}`;
    const dir = join(PACKS_DIR, name);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        join(dir, 'controls.yaml'),
        `${control()}    params: { expect: [200] }\n  - id: SEC-DISK-001\n    title: Disk\n    category: security\n    severity: low\n    check: host.disk\n`,
      );
      const user = `extends: ${name}\n${inventory}controls:\n  - id: AVA-HTTP-001\n    severity: critical\n  - id: SEC-DISK-001\n    enabled: false\n`;
      const policy = await loadPolicy(policyDir({ 'a.yaml': user }), { registry, today: '2026-11-23' });
      expect(policy.controls).toHaveLength(1);
      expect(policy.controls[0]).toMatchObject({
        id: 'AVA-HTTP-001',
        severity: 'critical',
        title: 'Site answers',
        params: { expect: [200] },
      });
    } finally {
      (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
    }
  });
});
