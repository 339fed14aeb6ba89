/**
 * `readyspec init [--pack NAME…] DIR`: a starter policy (policy.yaml) with comments, the packs
 * asked for and the editor modeline pointing at this install's schema. Never overwrites.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../reporters/exit-code.ts';
import { parseArgs, UsageError } from './args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EDITOR_SCHEMA = join(root, 'policies/schema/policy.editor.schema.json');

export function initCommand(argv: string[]): number {
  const { positionals, values } = parseArgs(argv, { values: ['--pack'] }, 1);
  const dir = positionals[0];
  if (!dir) throw new UsageError('init needs a directory: readyspec init [--pack NAME]... DIR');
  const packs = values.get('--pack') ?? [];
  const shipped = readdirSync(join(root, 'policies/packs')).sort();
  for (const p of packs)
    if (!shipped.includes(p))
      throw new UsageError(`unknown pack "${p}" (shipped packs: ${shipped.join(', ')})`);
  const file = join(resolve(dir), 'policy.yaml');
  if (existsSync(file)) {
    process.stderr.write(`readyspec: ${file} exists; init never overwrites a policy\n`);
    return EXIT.usage;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, starterPolicy(relative(dirname(file), EDITOR_SCHEMA), packs), { flag: 'wx' });
  process.stdout.write(`wrote ${file}\nnext: npx readyspec validate ${dir} && npx readyspec run ${dir}\n`);
  return EXIT.ready;
}

/** The starter file's text (pure). */
export function starterPolicy(schemaPath: string, packs: string[]): string {
  const ext = packs.length
    ? `extends: [${packs.join(', ')}]   # shipped packs (policies/packs), overridable control by control\n\n`
    : '# extends: [linux-baseline]   # shipped packs (policies/packs): npx readyspec init --pack NAME\n\n';
  return `# yaml-language-server: $schema=${schemaPath}
# A readyspec policy: what to audit (inventory), how to grade (rubric) and what must hold
# (controls). \`npx readyspec checks\` lists every check; \`npx readyspec checks NAME\` its params.
${ext}inventory:
  hosts:
    - name: local            # this machine; over SSH: { name, address, user, identityFile, knownHosts }
      transport: local
  endpoints: []              # - { name: web, url: "https://example.com/" }

controls:
  - id: SEC-FILE-001         # AREA-TOPIC-NNN, unique
    title: /etc/passwd is not writable by group or others
    category: security       # a rubric category: availability, reliability, monitoring, security, …
    severity: high           # info | low | medium | high | critical (critical failures cap the grade)
    check: host.file-mode
    targets: [local]
    params: { path: /etc/passwd, maxMode: "644" }
    remediation: chmod 644 /etc/passwd

# waivers:                   # a failed control accepted for a while, by someone other than its owner
#   - { control: SEC-FILE-001, target: local, justification: "…", owner: alice, approver: bob, expires: "2027-01-31" }
`;
}
