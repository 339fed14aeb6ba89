/**
 * A run's documents land as one set: a reader, or a run killed at any instant, finds the day
 * folder holding the old run's complete set or the new run's, never a mix, never a cut file.
 * Called under the reports lock (reports-lock.ts), so one run at a time does this:
 *
 * 1. recover: finish or undo what a killed run left (below), remove dead runs' temp files.
 * 2. write every file into `<parent>/.staging-<day>.<pid>.<hex>/` (the day folder's sibling, so
 *    renames stay on one file system); files of the old folder this run does not write (a
 *    person's notes, a report the rubric no longer has) are hard-linked in, so nothing is lost;
 *    the new history.jsonl goes in as `.history.next`.
 * 3. commit: rename the staging folder to `.ready-<day>.<pid>.<hex>` — from here the new set
 *    is complete and the next run rolls it forward even if this one is killed.
 * 4. roll forward: move `.history.next` over history.jsonl; rename the day folder to
 *    `.old-<day>.…`, the ready folder to the day folder; remove the old one.
 *
 * Recovery: a `.ready-*` is rolled forward (each step is skipped when done); `.staging-*` and
 * `.old-*` of dead pids are removed. Between the two renames of step 4 the day folder is
 * briefly absent (Node has no atomic directory exchange); the ready folder then holds the
 * complete new set and the next run puts it in place. No fsync: this is about killed runs,
 * not power loss.
 */
import { randomBytes } from 'node:crypto';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { pidAlive } from './reports-lock.ts';

export const HISTORY_NEXT = '.history.next';
/** `.staging-<day>.<pid>.<hex>`, `.ready-…`, `.old-…`: the folders a set passes through. */
const SET_DIR = /^\.(staging|ready|old)-(.+)\.(\d+)\.([0-9a-f]{8})$/;
/** writer.ts's temp files: `.<name>.<pid>.<hex8>.tmp`. */
const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export interface SetFile {
  /** Absolute path inside the day folder. */
  path: string;
  content: string | Iterable<string>;
}

const tag = () => `${process.pid}.${randomBytes(4).toString('hex')}`;
const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

/**
 * Writes `files` as the new content of `dir` (a day folder, created if missing) and, when
 * given, `history` as `<reportsDir>/history.jsonl`, as one set.
 * @example await commitSet('reports', 'reports/2025-06-15', files, historyText)
 */
export async function commitSet(
  reportsDir: string,
  dir: string,
  files: SetFile[],
  history?: string,
): Promise<void> {
  const parent = dirname(dir);
  const day = basename(dir);
  await mkdir(parent, { recursive: true });
  const staging = join(parent, `.staging-${day}.${tag()}`);
  try {
    await mkdir(staging);
    const written = new Set<string>();
    await Promise.all(
      files.map(async (f) => {
        const rel = relative(dir, f.path);
        if (rel.startsWith('..') || rel === '') throw new Error(`${f.path} is outside ${dir}`);
        written.add(rel);
        const to = join(staging, rel);
        await mkdir(dirname(to), { recursive: true });
        await writeFile(to, f.content, 'utf8');
      }),
    );
    await carryOver(dir, staging, written);
    if (history !== undefined) await writeFile(join(staging, HISTORY_NEXT), history, 'utf8');
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`readyspec: cannot write reports into ${dir}: ${(err as Error).message}`, { cause: err });
  }
  const ready = join(parent, `.ready-${day}.${tag()}`);
  await rename(staging, ready);
  await rollForward(reportsDir, ready, dir);
}

/** Hard-links into `to` every file of `from` that the new set does not write (paths relative). */
async function carryOver(from: string, to: string, written: Set<string>, rel = ''): Promise<void> {
  const entries = await readdir(join(from, rel), { withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    },
  );
  for (const e of entries) {
    const r = join(rel, e.name);
    if (TEMP_FILE.test(e.name) || e.name === HISTORY_NEXT) continue;
    const src = join(from, r);
    const dst = join(to, r);
    if (e.isDirectory()) {
      await mkdir(dst, { recursive: true });
      await carryOver(from, to, written, r);
    } else if (!written.has(r) && !(await exists(dst))) {
      await mkdir(dirname(dst), { recursive: true });
      if (e.isSymbolicLink()) await symlink(await readlink(src), dst);
      // Files are only ever replaced by rename, never changed in place: a link is a safe copy.
      else await link(src, dst).catch(() => copyFile(src, dst));
    }
  }
}

/** Steps 4 of the module comment; each is skipped when a killed run had done it already. */
async function rollForward(reportsDir: string, ready: string, dir: string): Promise<void> {
  const next = join(ready, HISTORY_NEXT);
  if (await exists(next)) await rename(next, join(reportsDir, 'history.jsonl'));
  const old = join(dirname(dir), `.old-${basename(dir)}.${tag()}`);
  const hadOld = await rename(dir, old).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    },
  );
  await rename(ready, dir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}

/**
 * What the next run does first (under the lock): rolls forward a killed run's committed set,
 * removes its uncommitted staging and its old folder, and dead runs' temp files (writer.ts's,
 * e.g. a CI output cut by a kill) anywhere down to partial/<day>/<phase>/.
 * @example await recoverReports('reports') // { rolledForward: 0, removed: 2 }
 */
export async function recoverReports(
  reportsDir: string,
): Promise<{ rolledForward: number; removed: number }> {
  const tally = { rolledForward: 0, removed: 0 };
  for (const parent of [reportsDir, join(reportsDir, 'partial')]) {
    const names = await readdir(parent).catch(() => [] as string[]);
    // Ready sets first: rolling one forward makes an `.old-` of the folder it replaces.
    for (const name of names.sort(
      (a, b) => Number(b.startsWith('.ready-')) - Number(a.startsWith('.ready-')),
    )) {
      const m = SET_DIR.exec(name);
      if (!m || (pidAlive(Number(m[3])) && Number(m[3]) !== process.pid)) continue;
      const path = join(parent, name);
      if (m[1] === 'ready') {
        if (!(await exists(path))) continue;
        await rollForward(reportsDir, path, join(parent, m[2] ?? ''));
        tally.rolledForward++;
      } else {
        await rm(path, { recursive: true, force: true });
        tally.removed++;
      }
    }
  }
  // <reportsDir>/partial/<day>/<phase>/ is the deepest folder a run writes into.
  tally.removed += await removeDeadTemps(reportsDir, 4);
  return tally;
}

/** Removes `.<name>.<pid>.<hex8>.tmp` files whose pid is not alive, `depth` folder levels down. */
async function removeDeadTemps(dir: string, depth: number): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const e of entries) {
    const m = TEMP_FILE.exec(e.name);
    if (m && e.isFile() && !pidAlive(Number(m[1]))) {
      await rm(join(dir, e.name), { force: true });
      removed++;
    } else if (e.isDirectory() && depth > 1 && !SET_DIR.test(e.name)) {
      removed += await removeDeadTemps(join(dir, e.name), depth - 1);
    }
  }
  return removed;
}
