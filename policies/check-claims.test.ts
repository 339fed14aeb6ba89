// A docs.claim whose fact could never be evaluated is refused when the policy loads, naming the
// file, the JSON path and what is known; the real probe catalog decides what checks exist.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogIndex } from '../checks/catalog-index.ts';
import { FACT_SOURCES } from '../checks/docs/fact-fields.ts';
import { PolicyError } from './errors.ts';
import { loadPolicy } from './load.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const inventory = `inventory:
  hosts:
    - { name: atlas, address: 127.0.0.1, groups: [docker] }
    - { name: boreas, address: 127.0.0.2, groups: [docker] }
    - { name: plain, address: 127.0.0.3 }
  monitoring:
    - { name: prom, kind: prometheus, url: "http://127.0.0.1:9090" }
  documents:
    - { name: platform, path: PLATFORM.md }
`;

function claim(params: string): string {
  return `controls:
  - id: DOC-CNT-001
    title: Container counts
    category: documentation
    severity: medium
    check: docs.claim
    targets: [platform]
    params: ${params}
`;
}

async function problemsOf(params: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-claims-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'policy.yaml'), inventory + claim(params));
  try {
    await loadPolicy(dir, { today: '2026-11-23' });
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as PolicyError).message;
  }
  return '';
}

const at = 'policy.yaml /controls/0/params';

describe('docs.claim facts at load time', () => {
  it.each([
    [
      'one host',
      '{ pattern: "atlas runs (\\\\d+)", fact: { check: docker.containers, target: atlas, field: total } }',
    ],
    [
      'a group sum',
      '{ pattern: "(\\\\d+) containers", fact: { check: docker.containers, over: { groups: [docker] }, field: running, aggregate: sum } }',
    ],
    [
      'all hosts counted',
      '{ pattern: "(\\\\d+) hosts", fact: { check: docker.containers, over: all, field: total, aggregate: count } }',
    ],
    [
      'each host of a table',
      '{ cell: { column: Containers }, fact: { check: docker.containers, each: [atlas, boreas], field: total } }',
    ],
    [
      'each host in a sentence',
      '{ pattern: "{target}: (\\\\d+) containers", fact: { check: docker.containers, each: { groups: [docker] }, field: exited } }',
    ],
    ['the last grade', '{ pattern: "grade: (\\\\S+)", fact: { history: letter } }'],
  ])('accepts %s', async (_what, params) => {
    expect(await problemsOf(params)).toBe('');
  });

  it.each([
    [
      'an unknown check',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containerz, target: atlas, field: total } }',
      `${at}/fact/check: control DOC-CNT-001: the fact's check "docker.containerz" is unknown (did you mean "docker.containers"?)`,
    ],
    [
      'a check that measures no claimable figure',
      '{ pattern: "(\\\\d+)", fact: { check: host.disk, target: atlas } }',
      `${at}/fact/check: control DOC-CNT-001: host.disk measures no figure a claim can name; facts come from docker.containers`,
    ],
    [
      'a field the check does not produce',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, target: atlas, field: count } }',
      `${at}/fact/field: control DOC-CNT-001: docker.containers has no numeric field "count"; it declares total, running, exited, created, paused, restarting, removing, dead`,
    ],
    [
      'no field, where count is not produced',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, target: atlas } }',
      'docker.containers has no numeric field "count" (none given, count assumed)',
    ],
    [
      'a target not in the inventory',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, target: master, field: total } }',
      `${at}/fact/target: control DOC-CNT-001: no host named "master" in the inventory (known: atlas, boreas, plain)`,
    ],
    [
      'a monitoring entry of the wrong kind',
      '{ pattern: "(\\\\d+)", fact: { check: grafana.dashboards, target: prom } }',
      `${at}/fact/target: control DOC-CNT-001: "prom" is a prometheus entry; grafana.dashboards reads a grafana monitoring entry`,
    ],
    [
      'a selector naming unknown hosts',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, over: [atlas, zeus], field: total, aggregate: sum } }',
      `${at}/fact/over: control DOC-CNT-001: no host named "zeus" in the inventory`,
    ],
    [
      'an excluded host that does not exist',
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, over: { exclude: [zeus] }, field: total, aggregate: sum } }',
      `${at}/fact/over: control DOC-CNT-001: no host named "zeus"`,
    ],
    [
      'a selector that selects nothing',
      '{ cell: { column: Containers }, fact: { check: docker.containers, each: { groups: [kubernetes] }, field: total } }',
      `${at}/fact/each: control DOC-CNT-001: selects no host`,
    ],
    [
      "params the fact's check refuses",
      '{ pattern: "(\\\\d+)", fact: { check: docker.containers, target: atlas, field: total, params: { min: -1 } } }',
      `${at}/fact/params/min: control DOC-CNT-001: the fact's params: must be >= 0`,
    ],
    [
      'an each fact without {target}',
      '{ pattern: "(\\\\d+) containers", fact: { check: docker.containers, each: all, field: total } }',
      `${at}/pattern: control DOC-CNT-001: an each fact reads one figure per target: put {target} where the name stands`,
    ],
    [
      'an each fact with a fixed row',
      '{ cell: { column: Containers, row: atlas }, fact: { check: docker.containers, each: all, field: total } }',
      `${at}/cell/row: control DOC-CNT-001: an each fact's row is each target's name`,
    ],
    [
      'a single fact with a cell without row',
      '{ cell: { column: Containers }, fact: { check: docker.containers, target: atlas, field: total } }',
      `${at}/cell: control DOC-CNT-001: names no row`,
    ],
    [
      'a pattern that is no regular expression',
      '{ pattern: "runs ((\\\\d+)", fact: { check: docker.containers, target: atlas, field: total } }',
      `${at}/pattern: control DOC-CNT-001: pattern /runs ((\\d+)/ is not a valid regular expression`,
    ],
    [
      'a pattern only a backtracking engine runs (a backreference)',
      '{ pattern: "(\\\\d+) and \\\\1", fact: { check: docker.containers, target: atlas, field: total } }',
      `${at}/pattern: control DOC-CNT-001: pattern /(\\d+) and \\1/ uses syntax the linear-time engine (RE2) does not run`,
    ],
    [
      'a pattern without a capture group',
      '{ pattern: "runs \\\\d+", fact: { check: docker.containers, target: atlas, field: total } }',
      `${at}/pattern: control DOC-CNT-001: has no capture group`,
    ],
  ])('refuses %s', async (_what, params, expected) => {
    expect(await problemsOf(params)).toContain(expected);
  });
});

describe('the fact registry', () => {
  it('names only real checks, each with the target kind the catalog gives it', () => {
    for (const [check, source] of Object.entries(FACT_SOURCES)) {
      const probe = catalogIndex.get(check);
      expect(probe, check).toBeDefined();
      expect({ target: probe?.target, monitoringKind: probe?.monitoringKind }, check).toEqual({
        target: source.target,
        monitoringKind: source.monitoringKind,
      });
      expect(Object.keys(source.fields).length, check).toBeGreaterThan(0);
    }
  });
});
