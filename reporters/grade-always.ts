/**
 * Keeps the grade reporter in every audit run. vitest's `--reporter` replaces the config's
 * `reporters` list instead of adding to it, so `--reporter=junit` alone used to drop the grade
 * and every document. This plugin of the audit project puts the grade reporter back into the
 * resolved list before vitest creates the reporters (configureVitest runs just before that).
 * A blob run is the exception: it is a shard's half of a `--merge-reports`, graded by the merge.
 */
import type { Plugin } from 'vitest/config';

type ReporterEntry = unknown;

/** The name of a configured reporter entry: `'junit'`, a path, or undefined for an instance. */
function nameOf(entry: ReporterEntry): unknown {
  return Array.isArray(entry) ? entry[0] : entry;
}

/** Whether `reporters` must gain the grade reporter at `path` (not present, not a blob run). */
export function needsGradeReporter(reporters: readonly ReporterEntry[], path: string): boolean {
  const names = reporters.map(nameOf);
  return !names.includes(path) && !names.includes('blob');
}

/** The audit project's plugin: `path` is the grade reporter's module (prebuilt or source). */
export function gradeReporterAlways(path: string): Plugin {
  return {
    name: 'readyspec-grade-reporter-always',
    configureVitest({ vitest }) {
      const reporters = vitest.config.reporters as ReporterEntry[];
      if (needsGradeReporter(reporters, path)) reporters.push([path, {}]);
    },
  };
}
