/**
 * Docker params a schema cannot judge are refused when the policy loads, through the audit's
 * own catalog (catalog-index.json + checks/params-checks.ts), before any engine is asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PolicyError } from '../../policies/errors.ts';
import { loadPolicy } from '../../policies/load.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function policy(controls: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-docker-params-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'policy.yaml'),
    `inventory:
  hosts: [{ name: atlas, transport: local, docker: { socket: /run/docker.sock } }]
controls:
${controls}`,
  );
  return dir;
}

const control = (id: string, check: string, params: string) =>
  `  - { id: ${id}, title: t, category: security, severity: high, check: ${check}, targets: [atlas], params: ${params} }\n`;

async function problems(dir: string): Promise<string[]> {
  try {
    await loadPolicy(dir, { today: '2026-12-02' });
  } catch (err) {
    if (err instanceof PolicyError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('docker params checked at load', () => {
  it('refuses an unparseable address, naming the control and the JSON path', async () => {
    const dir = policy(
      control('SEC-CTR-001', 'docker.ports', '{ allowAddresses: [loopback, "127.0.0.300"] }') +
        control('SEC-CTR-002', 'compose.ports', '{ files: [/srv/a.yml], allowAddresses: ["10.0.0.0/33"] }'),
    );
    expect(await problems(dir)).toEqual([
      expect.stringMatching(
        /^\/controls\/0\/params\/allowAddresses\/1: control SEC-CTR-001: "127\.0\.0\.300" is not an IP address/,
      ),
      expect.stringMatching(
        /^\/controls\/1\/params\/allowAddresses\/0: control SEC-CTR-002: "10\.0\.0\.0\/33" is not an address range/,
      ),
    ]);
  });

  it('refuses a name pattern that can match nothing', async () => {
    const dir = policy(
      control('REL-CTR-001', 'docker.health', '{ exclude: ["[z-a]"] }') +
        control('AVA-CTR-001', 'docker.containers', '{ expected: [web, "[z-a]*"] }'),
    );
    expect(await problems(dir)).toEqual([
      '/controls/0/params/exclude/0: control REL-CTR-001: "[z-a]" is not a valid name pattern',
      '/controls/1/params/expected/1: control AVA-CTR-001: "[z-a]*" is not a valid name pattern',
    ]);
  });

  it('accepts ranges, names and globs', async () => {
    const dir = policy(
      control('SEC-CTR-001', 'docker.ports', '{ allowAddresses: [loopback, private, "fd00::/8", "::1"] }') +
        control(
          'REL-CTR-001',
          'docker.health',
          '{ include: ["app-[0-9]*", "{web,api}"], exclude: ["!app-*"] }',
        ) +
        control('AVA-CTR-001', 'docker.containers', '{ count: 5, state: all }'),
    );
    expect(await problems(dir)).toEqual([]);
  });
});
