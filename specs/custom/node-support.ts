/**
 * Whether a Node.js version is still supported on a date, from Node's own release schedule as
 * the node-releases package ships it (start, lts, maintenance and end-of-life dates per major).
 * Pure over the schedule it is given; `releaseSchedule()` reads the installed one.
 * @example nodeSupport('20.20.2', new Date('2026-12-02T00:00:00Z'), releaseSchedule())
 *   // fail: Node.js 20.20.2 (Iron) reached end of life on 2026-04-30
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import semver from 'semver';
import { fail, inconclusive, type ProbeResult, pass } from '../../checks/probe.ts';

export interface ReleaseLine {
  start: string;
  lts?: string;
  maintenance?: string;
  end: string;
  codename?: string;
}

export interface ReleaseSchedule {
  /** Where the data came from, for the evidence. */
  source: string;
  lines: Record<string, ReleaseLine>;
}

const require = createRequire(import.meta.url);
const DATA = 'node-releases/data/release-schedule/release-schedule.json';

export function releaseSchedule(): ReleaseSchedule {
  const pkg = JSON.parse(readFileSync(require.resolve('node-releases/package.json'), 'utf8'));
  return {
    source: `node-releases ${pkg.version} (data/release-schedule/release-schedule.json)`,
    lines: JSON.parse(readFileSync(require.resolve(DATA), 'utf8')),
  };
}

const DAY_MS = 86_400_000;

/** Midnight UTC of a strict YYYY-MM-DD, or NaN. */
function day(date: string | undefined): number {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  const t = Date.parse(`${date}T00:00:00Z`);
  return new Date(t).toISOString().slice(0, 10) === date ? t : Number.NaN;
}

export function nodeSupport(version: string, now: Date, schedule: ReleaseSchedule): ProbeResult {
  const parsed = semver.parse(version.replace(/^v/, ''));
  const today = now.toISOString().slice(0, 10);
  const base = { observed: version, runDate: today, source: schedule.source };
  if (!parsed) return inconclusive(`"${version}" is not a Node.js version`, base);
  const line = schedule.lines[`v${parsed.major}`];
  if (!line)
    return inconclusive(`the release data has no entry for Node.js ${parsed.major}`, {
      ...base,
      major: parsed.major,
    });
  const [start, end] = [day(line.start), day(line.end)];
  if (Number.isNaN(start) || Number.isNaN(end))
    return inconclusive(`the release data for Node.js ${parsed.major} has no valid start and end dates`, {
      ...base,
      line: { ...line },
    });
  const evidence = {
    ...base,
    major: parsed.major,
    codename: line.codename ?? null,
    start: line.start,
    lts: line.lts ?? null,
    maintenance: line.maintenance ?? null,
    endOfLife: line.end,
    expected: `a release line between its start and end-of-life dates on ${today}`,
  };
  const name = `Node.js ${parsed.version}${line.codename ? ` (${line.codename})` : ''}`;
  const t = now.getTime();
  // The end date is the line's last supported day.
  if (t >= end + DAY_MS) return fail(`${name} reached end of life on ${line.end}`, evidence);
  if (t < start) return inconclusive(`${name} is a line that starts only on ${line.start}`, evidence);
  const phase =
    day(line.maintenance) <= t ? 'maintenance LTS' : day(line.lts) <= t ? 'active LTS' : 'current';
  return pass(`${name} is supported (${phase}) until ${line.end}`, { ...evidence, phase });
}
