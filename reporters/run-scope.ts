/**
 * What the grade reporter watches of a vitest run to tell a whole run from a partial one
 * (partial.ts): the resolved config's filters and shard, the files collected, and a cancel
 * (--bail, Ctrl-C) that left tests unrun.
 */
import type { TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { AUDIT_PROJECT } from './audit-project.ts';
import { type PartialRun, partialOf } from './partial.ts';

/** A shard's copy of a category file: `specs/.shards/n4/availability.shard-2.spec.ts` (shard-specs.ts). */
const SHARD_COPY = /[\\/]\.shards[\\/]n(\d+)[\\/][^\\/]+\.shard-(\d+)\.spec\.[cm]?[jt]s$/;

/** Which shards' blobs a merged run holds, per shard count, read from its modules' paths. */
export function mergedShards(modules: ReadonlyArray<TestModule>): { count: number; present: number[] }[] {
  const byCount = new Map<number, Set<number>>();
  for (const m of modules) {
    if (m.project.name !== AUDIT_PROJECT) continue;
    const match = SHARD_COPY.exec(m.moduleId);
    if (!match) continue;
    const count = Number(match[1]);
    const present = byCount.get(count) ?? new Set<number>();
    present.add(Number(match[2]));
    byCount.set(count, present);
  }
  return [...byCount].map(([count, present]) => ({ count, present: [...present].sort((a, b) => a - b) }));
}

export class RunScopeWatch {
  private vitest: Vitest | undefined;
  private cancelled: string | undefined;
  private listening = false;
  private auditSpecs = 0;
  private files: Promise<{ ran: number; total: number } | undefined> | undefined;

  init(vitest: Vitest): void {
    this.vitest = vitest;
  }

  start(specifications: ReadonlyArray<TestSpecification>): void {
    this.cancelled = undefined;
    this.listening = false;
    this.auditSpecs = specifications.filter((s) => s.project.name === AUDIT_PROJECT).length;
    const config = this.vitest?.config;
    this.files = undefined;
    // A file filter, --changed or --related can leave spec files out; a shard is judged by its
    // flag and a merge by the shards its blobs hold.
    if (!config || config.shard || config.mergeReports) return;
    const project = this.vitest?.projects.find((p) => p.name === AUDIT_PROJECT);
    const ran = this.auditSpecs;
    this.files = project?.globTestFiles().then(
      ({ testFiles }) => ({ ran, total: testFiles.length }),
      () => undefined,
    );
  }

  /**
   * vitest clears its cancel listeners after onTestRunStart, so the listener is added once the
   * run is under way (the first module queued), to learn why it was cancelled.
   */
  queued(): void {
    if (this.listening || !this.vitest) return;
    this.listening = true;
    this.vitest.onCancel((reason) => {
      this.cancelled ??= reason;
    });
  }

  async partial(
    modules: ReadonlyArray<TestModule>,
    reason: TestRunEndReason | undefined,
  ): Promise<PartialRun | undefined> {
    const config = this.vitest?.config;
    if (!config) return undefined;
    const cancelled = this.cancelled ?? (reason === 'interrupted' ? 'interrupted' : undefined);
    return partialOf({
      testNamePattern: config.testNamePattern,
      tagsFilter: config.tagsFilter,
      shard: config.shard,
      mergeReports: config.mergeReports,
      bail: config.bail,
      // A cancel counts only when it left tests unrun: --bail on the last failure cut nothing.
      cancelled: cancelled !== undefined && this.leftUnrun(modules) ? cancelled : undefined,
      files: await this.files,
      mergedShards: config.mergeReports ? mergedShards(modules) : undefined,
    });
  }

  /**
   * An audit spec that never reported, or an audit test that ended without a result of its
   * own (skipped or pending with no readyspec meta). An empty category's placeholder is such a
   * test too, so a cancel in a policy with an empty category counts as cutting the run short.
   */
  private leftUnrun(modules: ReadonlyArray<TestModule>): boolean {
    const audit = modules.filter((m) => m.project.name === AUDIT_PROJECT);
    if (audit.length < this.auditSpecs) return true;
    for (const m of audit) {
      const state = m.state();
      if (state === 'pending' || state === 'queued') return true;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if ((s === 'skipped' || s === 'pending') && !t.meta().readyspec) return true;
      }
    }
    return false;
  }
}
