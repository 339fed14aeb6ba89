import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitSet, HISTORY_NEXT, recoverReports } from './report-set.ts';
import { LOCK_FILE, pidAlive, withReportsLock } from './reports-lock.ts';

/** A pid that was a process of ours and has exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  expect(pidAlive(run.pid as number)).toBe(false);
  return run.pid as number;
}
/** A live process of ours (stopped in afterAll, by its pid). */
const sleepers: ChildProcess[] = [];
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  sleepers.push(child);
  return child.pid as number;
}
afterAll(() => {
  for (const c of sleepers) c.kill();
});

const fresh = () => mkdtempSync(join(tmpdir(), 'readyspec-set-'));
const hex = 'a1b2c3d4';

describe('recoverReports', () => {
  it("removes dead runs' temp files at every level, never a live run's", async () => {
    const reports = fresh();
    const dead = deadPid();
    const live = livePid();
    mkdirSync(join(reports, '2025-06-15', 'go-live'), { recursive: true });
    mkdirSync(join(reports, 'partial', '2025-06-15', 'go-live'), { recursive: true });
    const files = {
      deadTop: join(reports, `.history.jsonl.${dead}.${hex}.tmp`),
      deadDay: join(reports, '2025-06-15', `.results.json.${dead}.${hex}.tmp`),
      deadPhase: join(reports, '2025-06-15', 'go-live', `.USER_ACCEPTANCE.md.${dead}.${hex}.tmp`),
      deadPartial: join(
        reports,
        'partial',
        '2025-06-15',
        'go-live',
        `.USER_ACCEPTANCE.html.${dead}.${hex}.tmp`,
      ),
      liveDay: join(reports, '2025-06-15', `.readyspec.sarif.${live}.${hex}.tmp`),
      mine: join(reports, `.history.jsonl.${process.pid}.${hex}.tmp`),
      document: join(reports, '2025-06-15', 'notes.md'),
    };
    for (const f of Object.values(files)) writeFileSync(f, 'x');
    expect(await recoverReports(reports)).toEqual({ rolledForward: 0, removed: 4 });
    expect(
      Object.entries(files)
        .filter(([, f]) => existsSync(f))
        .map(([k]) => k),
    ).toEqual(['liveDay', 'mine', 'document']);
  });

  it("removes a dead run's staging and old folders, keeps a live run's, rolls a committed set forward", async () => {
    const reports = fresh();
    const dead = deadPid();
    const live = livePid();
    const day = join(reports, '2025-06-15');
    mkdirSync(day);
    writeFileSync(join(day, 'results.json'), 'old');
    writeFileSync(join(reports, 'history.jsonl'), '{"run":1}\n');
    const staging = join(reports, `.staging-2025-06-14.${dead}.${hex}`);
    const oldDir = join(reports, `.old-2025-06-13.${dead}.${hex}`);
    const liveStaging = join(reports, `.staging-2025-06-15.${live}.${hex}`);
    const ready = join(reports, `.ready-2025-06-15.${dead}.${hex}`);
    const partialStaging = join(reports, 'partial', `.staging-2025-06-15.${dead}.${hex}`);
    for (const d of [staging, oldDir, liveStaging, ready, partialStaging]) mkdirSync(d, { recursive: true });
    writeFileSync(join(ready, 'results.json'), 'new');
    writeFileSync(join(ready, HISTORY_NEXT), '{"run":1}\n{"run":2}\n');
    expect(await recoverReports(reports)).toEqual({ rolledForward: 1, removed: 3 });
    expect(readFileSync(join(day, 'results.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(reports, 'history.jsonl'), 'utf8')).toBe('{"run":1}\n{"run":2}\n');
    expect(existsSync(join(day, HISTORY_NEXT))).toBe(false);
    expect(readdirSync(reports).filter((n) => n.startsWith('.'))).toEqual([
      `.staging-2025-06-15.${live}.${hex}`,
    ]);
    expect(readdirSync(join(reports, 'partial'))).toEqual([]);
  });

  it('finishes a swap killed between its renames (the day folder absent, the set committed)', async () => {
    const reports = fresh();
    const dead = deadPid();
    const ready = join(reports, `.ready-2025-06-15.${dead}.${hex}`);
    mkdirSync(ready);
    writeFileSync(join(ready, 'results.json'), 'new');
    mkdirSync(join(reports, `.old-2025-06-15.${dead}.${hex}`));
    expect(await recoverReports(reports)).toEqual({ rolledForward: 1, removed: 1 });
    expect(readdirSync(reports)).toEqual(['2025-06-15']);
  });
});

describe('commitSet', () => {
  it("replaces what the run writes and keeps every other file of the folder (a person's, an old report's)", async () => {
    const reports = fresh();
    const day = join(reports, '2025-06-15');
    await commitSet(reports, day, [
      { path: join(day, 'results.json'), content: 'one' },
      { path: join(day, 'go-live', 'USER_ACCEPTANCE.md'), content: 'signed' },
    ]);
    writeFileSync(join(day, 'go-live', 'scan.pdf'), 'paper');
    writeFileSync(join(day, 'OLD_REPORT.md'), 'kept');
    await commitSet(
      reports,
      day,
      [
        { path: join(day, 'results.json'), content: ['t', 'wo'] },
        { path: join(day, 'go-live', 'USER_ACCEPTANCE.md'), content: 'signed again' },
      ],
      '{"run":2}\n',
    );
    expect(readFileSync(join(day, 'results.json'), 'utf8')).toBe('two');
    expect(readFileSync(join(day, 'go-live', 'USER_ACCEPTANCE.md'), 'utf8')).toBe('signed again');
    expect(readFileSync(join(day, 'go-live', 'scan.pdf'), 'utf8')).toBe('paper');
    expect(readFileSync(join(day, 'OLD_REPORT.md'), 'utf8')).toBe('kept');
    expect(readFileSync(join(reports, 'history.jsonl'), 'utf8')).toBe('{"run":2}\n');
    expect(readdirSync(reports)).toEqual(['2025-06-15', 'history.jsonl']);
  });

  it('a rendering that throws leaves the old set and no staging folder', async () => {
    const reports = fresh();
    const day = join(reports, '2025-06-15');
    await commitSet(reports, day, [{ path: join(day, 'a.md'), content: 'old' }]);
    function* broken(): Generator<string> {
      yield 'half';
      throw new Error('rendering failed');
    }
    await expect(commitSet(reports, day, [{ path: join(day, 'a.md'), content: broken() }])).rejects.toThrow(
      `cannot write reports into ${day}: rendering failed`,
    );
    expect(readFileSync(join(day, 'a.md'), 'utf8')).toBe('old');
    expect(readdirSync(reports)).toEqual(['2025-06-15']);
  });
});

describe('withReportsLock', () => {
  it('takes over the lock of a killed run, and releases its own', async () => {
    const reports = fresh();
    const lock = join(reports, LOCK_FILE);
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead', since: 'then' }));
    const seen = await withReportsLock(reports, async () => JSON.parse(readFileSync(lock, 'utf8')).pid, 2000);
    expect(seen).toBe(process.pid);
    expect(existsSync(lock)).toBe(false);
  });

  it('waits a bounded time for a live run, then names it', async () => {
    const reports = fresh();
    const lock = join(reports, LOCK_FILE);
    const pid = livePid();
    writeFileSync(
      lock,
      JSON.stringify({ pid, host: hostname(), token: 'live', since: '2025-06-15T10:00:00Z' }),
    );
    const t0 = Date.now();
    await expect(withReportsLock(reports, async () => 'ran', 400)).rejects.toThrow(
      `reports folder is locked by run pid ${pid} on ${hostname()} since 2025-06-15T10:00:00Z (${lock})`,
    );
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe('live');
  });

  it('runs one holder at a time within a process too', async () => {
    const reports = fresh();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withReportsLock(reports, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 20));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(join(reports, LOCK_FILE))).toBe(false);
  });
});
