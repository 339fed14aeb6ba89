/**
 * One writer at a time in a reports folder: `<reportsDir>/.readyspec.lock`, created with O_EXCL
 * and holding the writer's pid. Two runs into one folder used to rewrite history.jsonl from
 * copies read at their start and lose each other's lines; under the lock each run re-reads what
 * the other wrote. A lock whose pid is dead (a killed run) is broken and taken over; a live one
 * is waited for, at most `waitMs`, then the run fails naming the pid and the file.
 *
 * Breaking a stale lock renames it aside first and checks that the file moved is the stale one
 * (same pid and token); a live lock moved by a racing breaker is linked back at once. Only a
 * third run creating the lock inside that window (microseconds) could share it: documented,
 * not prevented (no portable flock in Node).
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = '.readyspec.lock';
/** Long enough for a 50,000-site fleet's documents; a hung holder is still named in minutes. */
export const DEFAULT_LOCK_WAIT_MS = 300_000;

interface Holder {
  pid: number;
  host: string;
  token: string;
  since: string;
}

/** Whether a process with this pid exists on this machine (EPERM: it does, another user's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    if (typeof h.pid === 'number' && typeof h.token === 'string') {
      return { pid: h.pid, host: String(h.host ?? ''), token: h.token, since: String(h.since ?? '') };
    }
  } catch {
    // Missing (released meanwhile) or half-written by a holder killed while creating it.
  }
  return undefined;
}

/** A holder that cannot be alive: dead pid on this host, or a lock file left empty by a kill. */
function stale(h: Holder | undefined): boolean {
  if (!h) return true;
  return h.host === hostname() && !pidAlive(h.pid);
}

async function tryCreate(path: string, me: Holder): Promise<boolean> {
  try {
    const file = await open(path, 'wx');
    try {
      await file.writeFile(JSON.stringify(me));
    } finally {
      await file.close();
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Moves a stale lock aside; puts it back when a racing run had replaced it by a live one. */
async function breakStale(path: string, seen: Holder | undefined): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.broken`;
  try {
    await rename(path, aside);
  } catch {
    return; // gone already: someone released or broke it
  }
  const moved = await readHolder(aside);
  const same = seen ? moved?.token === seen.token : moved === undefined;
  if (!same && moved) await link(aside, path).catch(() => {});
  await rm(aside, { force: true });
}

/** Why the run gives up: who holds the folder and what to do. */
function busy(path: string, h: Holder | undefined, waitedMs: number): Error {
  const who = h ? `run pid ${h.pid} on ${h.host || 'an unknown host'} since ${h.since}` : 'another run';
  return new Error(
    `readyspec: reports folder is locked by ${who} (${path}); waited ${Math.round(waitedMs / 1000)} s. Let that run finish, or remove ${path} if no readyspec run is writing there.`,
  );
}

/**
 * Runs `work` holding the folder's lock; releases it (only if still ours) whatever happens.
 * @example await withReportsLock('reports', () => writeEverything())
 */
export async function withReportsLock<T>(
  reportsDir: string,
  work: () => Promise<T>,
  waitMs = DEFAULT_LOCK_WAIT_MS,
): Promise<T> {
  const path = join(reportsDir, LOCK_FILE);
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
  const started = Date.now();
  let pause = 10;
  while (!(await tryCreate(path, me))) {
    const holder = await readHolder(path);
    // A holder that crashed between creating the file and writing its pid left it empty.
    const emptyAndOld = !holder && Date.now() - started > 1000;
    if (holder ? stale(holder) : emptyAndOld) {
      await breakStale(path, holder);
      continue;
    }
    if (Date.now() - started >= waitMs) throw busy(path, holder, Date.now() - started);
    await new Promise((r) => setTimeout(r, pause));
    pause = Math.min(pause * 2, 200);
  }
  try {
    return await work();
  } finally {
    const now = await readHolder(path);
    if (now?.token === me.token) await rm(path, { force: true });
  }
}
