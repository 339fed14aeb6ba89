/**
 * Test cases → rows. A row is the ControlMeta a spec attached to its test; a test that carries
 * none (it crashed before the spec could attach it) becomes an `error` row, so a broken spec
 * lowers coverage instead of silently vanishing from the grade.
 */
import { basename } from 'node:path';
import type { TestCase, TestModule } from 'vitest/node';
import { isBlocking } from '../policies/blocking.ts';
import type { Policy } from '../policies/types.ts';
import { specCategory } from '../specs/support/shard-specs.ts';
import { AUDIT_PROJECT } from './audit-project.ts';
import { type ControlMeta, type ControlStatics, isComplete, type TestMeta } from './meta.ts';

export type Row = ControlMeta;

/** A policy control's statics by id: what the tests of policy controls leave out of their meta. */
export type StaticsLookup = (id: string) => ControlStatics | undefined;

export function staticsOf(policy: Policy): StaticsLookup {
  const byId = new Map<string, ControlStatics>();
  for (const c of policy.controls) {
    byId.set(c.id, {
      title: c.title,
      category: c.category,
      severity: c.severity,
      check: c.check,
      blocking: isBlocking(c, policy.rubric),
      phase: c.phase,
      tags: c.tags,
      remediation: c.remediation,
    });
  }
  return (id) => byId.get(id);
}

/** Rows of every audit test, sorted by control id, target, subject (stable across shards and merges). */
export function collectRows(modules: ReadonlyArray<TestModule>, statics: StaticsLookup): Row[] {
  const rows: Row[] = [];
  for (const module of modules) {
    if (module.project.name !== AUDIT_PROJECT) continue;
    let tests = 0;
    for (const test of module.children.allTests()) {
      tests++;
      const row = rowOf(test, statics);
      if (row) rows.push(row);
    }
    const errors = module.errors();
    if (tests === 0 && errors.length > 0)
      rows.push(crashedRow(module.relativeModuleId, module.moduleId, errors[0]?.message));
  }
  return sortRows(rows);
}

/** True when at least one module belongs to the audit project (a `self` run writes nothing). */
export function hasAuditModules(modules: ReadonlyArray<TestModule>): boolean {
  return modules.some((m) => m.project.name === AUDIT_PROJECT);
}

export function sortRows(rows: Row[]): Row[] {
  // A control × target's own row (no subject) sorts before its subjects.
  return rows.sort(
    (a, b) => cmp(a.id, b.id) || cmp(a.target, b.target) || cmp(a.subject ?? '', b.subject ?? ''),
  );
}

/** Where a row's finding is: the target, or `target › subject` for a subject of a collection check. */
export function whereOf(row: Pick<Row, 'target' | 'subject'>): string {
  return row.subject === undefined ? row.target : `${row.target} › ${row.subject}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The full row of a test's meta: statics from the policy unless the test carried them. */
function complete(meta: TestMeta, statics: StaticsLookup, moduleId: string): ControlMeta {
  if (isComplete(meta)) return meta;
  const known = statics(meta.id);
  if (known) {
    // One literal, one object shape for every row: the documents filter and serialize 50,000
    // of them, and spread objects of mixed shapes made that several times slower.
    return {
      id: meta.id,
      title: known.title,
      category: known.category,
      severity: known.severity,
      check: known.check,
      target: meta.target,
      subject: meta.subject,
      targetKind: meta.targetKind,
      blocking: known.blocking,
      phase: known.phase,
      tags: known.tags,
      outcome: meta.outcome,
      message: meta.message,
      evidence: meta.evidence,
      waiver: meta.waiver,
      remediation: known.remediation,
      durationMs: meta.durationMs,
    };
  }
  const row = crashedRow(meta.id, moduleId, undefined);
  return {
    ...row,
    target: meta.target,
    subject: meta.subject,
    message: `control ${meta.id} was run but is not in the policy this report is graded with (a shard or merge of another policy?)`,
  };
}

function rowOf(test: TestCase, statics: StaticsLookup): Row | undefined {
  const probed = test.meta().readyspec;
  const meta = probed && complete(probed, statics, test.module.moduleId);
  const result = test.result();
  const firstError = result.errors?.[0]?.message;
  if (!meta) {
    if (result.state === 'skipped') return undefined;
    const why = result.state === 'pending' ? 'the test did not finish' : (firstError ?? 'no result recorded');
    return crashedRow(test.fullName, test.module.moduleId, why);
  }
  // The spec set a passing outcome but the test still failed (a hook or the runtime broke):
  // the control was not really evaluated.
  if (result.state === 'failed' && meta.outcome !== 'fail' && meta.outcome !== 'error') {
    return {
      ...meta,
      outcome: 'error',
      message: `test failed after evaluation: ${firstError ?? 'unknown error'}`,
    };
  }
  if (result.state === 'pending') return { ...meta, outcome: 'error', message: 'the test did not finish' };
  return meta;
}

/** A control whose test gave no metadata: category from the spec file name (one spec per category). */
function crashedRow(name: string, moduleId: string, message: string | undefined): Row {
  const category = specCategory(moduleId);
  return {
    id: name,
    title: name,
    category,
    severity: 'medium',
    check: 'spec',
    target: basename(moduleId),
    targetKind: 'custom',
    blocking: false,
    outcome: 'error',
    message: `crashed before reporting: ${message ?? 'unknown error'}`,
    evidence: { source: moduleId },
    durationMs: 0,
  };
}
