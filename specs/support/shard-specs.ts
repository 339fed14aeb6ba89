/**
 * One category split across runners (DESIGN.md, Scale). vitest shards by test file, and a
 * category is one spec file, so `--shard=i/n` alone would put a 50,000-site category on one
 * runner. Instead a sharded run gets, for every category spec file, one copy per shard
 * (`specs/.shards/n4/availability.shard-2.spec.ts`): the files of shard i run every category,
 * the engine probes only the control × target pairs that fall to shard i (shard-of.ts), and
 * because each shard's files have their own paths, vitest's blob reports merge them
 * (`--merge-reports`) into one run whose rows are exactly a single run's.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Shard {
  index: number;
  count: number;
}

/** `--shard=i/n` or `--shard i/n` from the command line vitest was started with. */
export function shardFromArgv(argv: readonly string[]): Shard | undefined {
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] as string;
    const value = arg.startsWith('--shard=') ? arg.slice(8) : arg === '--shard' ? argv[k + 1] : undefined;
    const m = value?.match(/^(\d+)\/(\d+)$/);
    if (m) return { index: Number(m[1]), count: Number(m[2]) };
  }
  return undefined;
}

export const SHARD_DIR = 'specs/.shards';

/**
 * Writes every shard's copies of the category spec files for `count` shards (all of them, so
 * vitest always sees at least `count` files) and returns the include glob of that set.
 */
export function writeShardSpecs(root: string, count: number): string {
  const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.spec.ts'));
  const dir = join(root, SHARD_DIR, `n${count}`);
  mkdirSync(dir, { recursive: true });
  for (const file of specs) {
    // The same module, imported from two levels down.
    const source = readFileSync(join(root, 'specs', file), 'utf8').replaceAll(
      "'./support/",
      "'../../support/",
    );
    for (let i = 1; i <= count; i++) {
      const target = join(dir, `${basename(file, '.spec.ts')}.shard-${i}.spec.ts`);
      let current: string | undefined;
      try {
        current = readFileSync(target, 'utf8');
      } catch {}
      if (current === source) continue;
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, source);
      renameSync(temp, target);
    }
  }
  return `${SHARD_DIR}/n${count}/*.spec.ts`;
}

/** The category of a spec file's path: `availability` for `…/availability.shard-2.spec.ts` too. */
export function specCategory(moduleId: string): string {
  return basename(moduleId)
    .replace(/\.spec\.[cm]?[jt]s$/, '')
    .replace(/\.shard-\d+$/, '');
}

/** The shard a shard spec file belongs to, or undefined for an ordinary spec file. */
export function specShard(moduleId: string): number | undefined {
  const m = basename(moduleId).match(/\.shard-(\d+)\.spec\.[cm]?[jt]s$/);
  return m ? Number(m[1]) : undefined;
}
