/**
 * Every named log is covered by a logrotate rule, and rotation keeps up: a log logrotate says
 * is due, last rotated more than its interval plus a grace ago, means rotation did not run.
 */
import picomatch from 'picomatch';
import { fail, notApplicable, pass, type SubjectResult, subject } from '../probe.ts';
import type { LogrotateView, Rule } from './logrotate.ts';
import type { NamedLog } from './named-logs.ts';

// A path with nginx variables ($host) stands for every file it could name.
const concrete = (path: string) => path.replace(/\$\{?\w+\}?/g, 'x');

export function ruleFor(path: string, rules: Rule[]): { rule: Rule; pattern: string } | undefined {
  for (const rule of rules)
    for (const pattern of rule.patterns)
      if (picomatch.isMatch(concrete(path), pattern, { dot: true })) return { rule, pattern };
  return undefined;
}

/** @example judgeCoverage(logs, view) */
export function judgeCoverage(logs: NamedLog[], view: LogrotateView): SubjectResult[] {
  return logs.map((l) => {
    const found = ruleFor(l.path, view.rules);
    const evidence = {
      observed: found ? found.pattern : null,
      expected: 'a logrotate rule',
      namedBy: l.namedBy,
      source: view.source,
    };
    return subject(
      l.path,
      found
        ? pass(`${l.path}: rotated by rule ${found.pattern}`, evidence)
        : fail(`${l.path} (${l.namedBy}): no logrotate rule covers it`, evidence),
    );
  });
}

export interface RecencyParams {
  /** Hours past a rule's interval before a due log counts as not rotated (default 24). */
  graceHours?: number;
}

/** logrotate prints `2026-12-02 09:00` in the host's local time; read it as UTC-less local. */
const parseLocal = (text: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(text);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) : undefined;
};

/** @example judgeRecency(logs, view, { graceHours: 24 }, new Date()) */
export function judgeRecency(
  logs: NamedLog[],
  view: LogrotateView,
  p: RecencyParams,
  now: Date,
): SubjectResult[] {
  const grace = p.graceHours ?? 24;
  return logs.map((l) => {
    const found = ruleFor(l.path, view.rules);
    const seen = view.considered.get(l.path);
    const evidence = {
      observed: seen ? { lastRotated: seen.lastRotated ?? null, due: seen.due, reason: seen.reason } : null,
      namedBy: l.namedBy,
      source: view.source,
    };
    if (!found)
      return subject(
        l.path,
        notApplicable(`${l.path}: no logrotate rule covers it (see rotation coverage)`, evidence),
      );
    if (!seen)
      return subject(
        l.path,
        notApplicable(`${l.path}: logrotate does not consider it (no such file yet)`, evidence),
      );
    const last = seen.lastRotated ? parseLocal(seen.lastRotated) : undefined;
    const limit = found.rule.intervalHours;
    if (!seen.due || limit === undefined || !last)
      return subject(l.path, pass(`${l.path}: not due (${seen.reason || 'within its interval'})`, evidence));
    const hours = (now.getTime() - last.getTime()) / 3_600_000;
    const overdue = hours > limit + grace;
    return subject(
      l.path,
      overdue
        ? fail(
            `${l.path}: due since ${seen.lastRotated} + ${limit} h; rotation has not run for ${Math.round(hours / 24)} days`,
            { ...evidence, expected: `rotated within ${limit + grace} h` },
          )
        : pass(`${l.path}: due now, last rotated ${seen.lastRotated} (within grace)`, evidence),
    );
  });
}
