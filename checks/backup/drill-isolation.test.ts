// Two restore drills on one host at the same moment (a restic and a borg repository, both on a
// real sshd): each must restore into its own scratch directory and report only its own
// archive's file. Both archives hold data/db.sql with different sizes, so a drill that read
// the other's scratch directory would report the other size, or find the file gone when the
// other drill cleaned up.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBorgRepo, makeResticRepo } from '../../fixtures/lab/backups.ts';
import { labContext } from '../../fixtures/lab/context.ts';
import { labDir } from '../../fixtures/lab/process.ts';
import { LAB_USER, type SshLab, startSshLab } from '../../fixtures/lab/ssh-lab.ts';
import type { BackupEntry } from '../../policies/types.ts';
import type { AnyProbe } from '../registry.ts';
import { backupProbes } from './probes.ts';

const RUNS = 50;
/** Bound on the whole loop, whatever the machine's load. */
const BUDGET_MS = 240_000;
const dir = labDir('drill-isolation');
const scratchDir = join(dir, 'scratch');
const SIZES = { restic: 4_321, borg: 7_654 } as const;
const PASSWORD = 'lab-drill-isolation-pw';
const backups: BackupEntry[] = (['restic', 'borg'] as const).map((kind) => ({
  name: `${kind}-box`,
  kind,
  host: 'backup-box',
  path: join(dir, kind, kind),
  password: { file: join(dir, 'pass') },
}));
const drill = backupProbes.find((p) => p.name === 'backup.restore-drill') as AnyProbe;
let lab: SshLab;
let ctx: ReturnType<typeof labContext>;

beforeAll(async () => {
  lab = await startSshLab({ hosts: [{ name: 'backup-box', address: '127.0.0.58' }], prefix: 'drill-iso' });
  const at = new Date(Date.now() - 3_600_000);
  mkdirSync(join(dir, 'restic'));
  mkdirSync(join(dir, 'borg'));
  mkdirSync(scratchDir);
  await makeResticRepo(join(dir, 'restic'), PASSWORD, [{ at, files: { 'db.sql': SIZES.restic } }]);
  await makeBorgRepo(join(dir, 'borg'), PASSWORD, [{ at, files: { 'db.sql': SIZES.borg } }]);
  writeFileSync(join(dir, 'pass'), `${PASSWORD}\n`);
  execFileSync('chown', ['-R', `${LAB_USER}:`, dir]);
  chmodSync(dir, 0o755);
  ctx = labContext({ baseDir: dir, inventory: { hosts: lab.entries(), backups }, probes: backupProbes });
}, 60_000);

afterAll(async () => {
  await ctx?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('restore drills running side by side on one host', () => {
  it(
    `each of ${RUNS} concurrent pairs reports only its own archive's file`,
    async () => {
      const started = performance.now();
      const params = { rtoSeconds: 120, files: ['data/db.sql'], scratchDir };
      const seen: string[] = [];
      for (let i = 0; i < RUNS && performance.now() - started < BUDGET_MS; i++) {
        const [restic, borg] = await Promise.all(backups.map((b) => drill.run(ctx, b, params)));
        for (const [r, kind] of [
          [restic, 'restic'],
          [borg, 'borg'],
        ] as const) {
          expect(r.outcome, `run ${i} ${kind}: ${r.message}`).toBe('pass');
          expect(r.evidence.observed).toMatchObject({ files: [{ path: 'data/db.sql', bytes: SIZES[kind] }] });
          seen.push(kind);
        }
      }
      expect(seen).toHaveLength(2 * RUNS);
      // Every drill removed the scratch directory it made, and only that one.
      expect(readdirSync(scratchDir)).toEqual([]);
    },
    BUDGET_MS + 30_000,
  );
});
