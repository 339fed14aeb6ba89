/**
 * Semantic checks after schema validation and merging: every check exists and gets valid
 * params, every selector selects something, waivers are sound, references resolve.
 */
import type { ProbeRegistry } from '../checks/registry.ts';
import { checkClaimFact } from './check-claims.ts';
import { documentNameProblems } from './document-names.ts';
import type { PolicyProblem } from './errors.ts';
import type { Merged, Origin } from './merge.ts';
import { TargetIndex } from './select.ts';
import { validateParams } from './validate.ts';

const DAY = 86_400_000;

export function checkPolicy(
  merged: Merged,
  registry: ProbeRegistry,
  today: string,
  problems: PolicyProblem[],
  warnings: string[],
) {
  const { inventory, rubric, controls, waivers, origins } = merged;
  const where = (o: object): Origin => origins.get(o) ?? { file: '(policy)', path: '/' };
  const index = new TargetIndex(inventory);
  const categories = Object.keys(rubric.categories);
  const phases = new Set(inventory.phases.map((p) => p.name));
  const ids = new Set<string>();

  for (const control of controls) {
    const o = where(control);
    const label = `control ${control.id}`;
    ids.add(control.id);
    if (!Object.hasOwn(rubric.categories, control.category)) {
      problems.push({
        ...o,
        path: `${o.path}/category`,
        message: `${label}: unknown category "${control.category}"; the rubric has ${categories.join(', ')}`,
      });
    }
    if (control.phase && !phases.has(control.phase)) {
      problems.push({
        ...o,
        path: `${o.path}/phase`,
        message: `${label}: unknown phase "${control.phase}"; declare it under inventory.phases`,
      });
    }
    const probe = registry.get(control.check);
    if (!probe) {
      const hint = registry.suggest(control.check);
      problems.push({
        ...o,
        path: `${o.path}/check`,
        message: `${label}: unknown check "${control.check}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
      continue;
    }
    const shape = validateParams(probe.params, control.params ?? {}, o.file, `${o.path}/params`);
    problems.push(...shape.map((p) => ({ ...p, message: `${label}: ${p.message}` })));
    // The probe's own checks only see params of the right shape.
    if (shape.length === 0 && probe.validateParams) {
      for (const p of probe.validateParams(control.params ?? {})) {
        const [at, message] = typeof p === 'string' ? ['', p] : [p.path, p.message];
        problems.push({ ...o, path: `${o.path}/params${at}`, message: `${label}: ${message}` });
      }
    }
    const { targets, unknown, kind } = index.select(control, probe);
    if (unknown.length) {
      const known = index.all(kind).map((t) => t.name);
      problems.push({
        ...o,
        path: `${o.path}/targets`,
        message: `${label}: no ${kind} named ${unknown.map((u) => `"${u}"`).join(', ')} in the inventory${known.length ? ` (known: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''})` : ''}`,
      });
    } else if (targets.length === 0) {
      const what = probe.monitoringKind ? `${probe.monitoringKind} monitoring entry` : kind;
      problems.push({
        ...o,
        path: `${o.path}/targets`,
        message: `${label}: selects no ${what} (check "${control.check}" runs against ${what} targets)`,
      });
    }
    problems.push(...checkClaimFact(control, o, registry, index));
  }

  for (const section of ['repositories', 'backups'] as const) {
    inventory[section].forEach((entry) => {
      if (entry.host && !index.get('host', entry.host)) {
        const o = where(entry);
        problems.push({
          ...o,
          path: `${o.path}/host`,
          message: `${section} "${entry.name}": no host named "${entry.host}"`,
        });
      }
    });
  }
  for (const host of inventory.hosts) {
    if (host.jump && !index.get('host', host.jump)) {
      const o = where(host);
      problems.push({
        ...o,
        path: `${o.path}/jump`,
        message: `host "${host.name}": jump host "${host.jump}" is not in the inventory`,
      });
    }
  }

  // A waiver may name a TypeScript control the policy runs (`custom:`, checked in custom.ts).
  for (const named of merged.custom) ids.add(named.id);
  const limit = Date.parse(today) + rubric.waivers.maxDays * DAY;
  for (const waiver of waivers) {
    const o = where(waiver);
    const label = `waiver for ${waiver.control}`;
    if (!ids.has(waiver.control)) {
      problems.push({ ...o, path: `${o.path}/control`, message: `${label}: no control with that id` });
    }
    if (waiver.owner.trim().toLowerCase() === waiver.approver.trim().toLowerCase()) {
      problems.push({
        ...o,
        path: `${o.path}/approver`,
        message: `${label}: the approver must be someone other than the owner ("${waiver.owner}")`,
      });
    }
    const expires = Date.parse(waiver.expires);
    if (Number.isNaN(expires)) {
      problems.push({
        ...o,
        path: `${o.path}/expires`,
        message: `${label}: "${waiver.expires}" is not a date (YYYY-MM-DD)`,
      });
    } else if (expires > limit) {
      problems.push({
        ...o,
        path: `${o.path}/expires`,
        message: `${label}: expires ${waiver.expires}, more than ${rubric.waivers.maxDays} days ahead (rubric.waivers.maxDays); the latest allowed is ${new Date(limit).toISOString().slice(0, 10)}`,
      });
    } else if (waiver.expires < today) {
      warnings.push(
        `${o.file} ${o.path}: ${label}${waiver.target ? ` on ${waiver.target}` : ''} expired on ${waiver.expires}; the control counts as unwaived`,
      );
    }
  }

  const thresholds = rubric.thresholds.map((t) => t.min);
  if (thresholds.some((m, i) => i > 0 && m >= thresholds[i - 1])) {
    problems.push({
      file: '(rubric)',
      path: '/rubric/thresholds',
      message: 'thresholds must be listed from the highest min to the lowest',
    });
  }
  problems.push(...documentNameProblems(merged));
  for (const report of rubric.reports) {
    for (const c of report.categories) {
      if (!Object.hasOwn(rubric.categories, c))
        problems.push({
          file: '(rubric)',
          path: '/rubric/reports',
          message: `report ${report.id}: unknown category "${c}"`,
        });
    }
  }
}
