/**
 * Whether a run graded the whole policy. A run narrowed by a name, tag or file filter, stopped
 * by `--bail` (or any cancel) before every test ran, or one shard graded without its merge did
 * not: its documents say PARTIAL in their titles, results.json carries `partial`, it is written
 * apart from the day's documents and it adds no history line (DESIGN.md, Runs). Pure.
 */
import { text } from './format.ts';

export interface PartialRun {
  /** Why this run is not the whole policy, in words an auditor can read. */
  reason: string;
}

/** What vitest says about the run's scope (its resolved config, the cancel it saw). */
export interface RunScope {
  testNamePattern?: RegExp | string;
  tagsFilter?: readonly string[];
  shard?: { index: number; count: number };
  mergeReports?: string;
  bail?: number;
  /** Why vitest cancelled the run ('test-failure' is --bail), when it did. */
  cancelled?: string;
  /** Audit spec files this run collected, and how many the audit project has (file filters). */
  files?: { ran: number; total: number };
  /** In a merged run: the shards whose blobs were merged, per shard count (spec copies' paths). */
  mergedShards?: { count: number; present: number[] }[];
}

export function partialOf(scope: RunScope): PartialRun | undefined {
  const reasons: string[] = [];
  const pattern = scope.testNamePattern;
  if (pattern !== undefined && String(pattern) !== '') {
    const shown = pattern instanceof RegExp ? pattern.source : pattern;
    reasons.push(`only tests whose name matches -t "${shown}" ran`);
  }
  if (scope.tagsFilter?.length) reasons.push(`only tests tagged ${scope.tagsFilter.join(', ')} ran`);
  if (scope.files && scope.files.ran < scope.files.total)
    reasons.push(`only ${scope.files.ran} of the audit's ${scope.files.total} spec files ran (file filter)`);
  // A merged run is whole when its blobs are: the shards' own runs were the narrowed ones.
  if (scope.shard && scope.shard.count > 1 && !scope.mergeReports)
    reasons.push(`shard ${scope.shard.index}/${scope.shard.count} graded without --merge-reports`);
  for (const { count, present } of scope.mergedShards ?? []) {
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !present.includes(i));
    if (missing.length)
      reasons.push(
        `the merged blobs hold shard ${present.join(', ')} of ${count} (missing ${missing.join(', ')})`,
      );
  }
  if (scope.cancelled !== undefined) {
    reasons.push(
      scope.cancelled === 'test-failure'
        ? `stopped by --bail${scope.bail ? `=${scope.bail}` : ''} before every test ran`
        : `cancelled (${scope.cancelled}) before every test ran`,
    );
  }
  return reasons.length ? { reason: reasons.join('; ') } : undefined;
}

const MARK = 'PARTIAL';

/** A document title for a partial run: "PARTIAL — Security audit 2026-11-23". */
export function partialTitle(title: string, partial: PartialRun | undefined): string {
  return partial ? `${MARK} — ${title}` : title;
}

/**
 * Marks a rendered Markdown document: its first heading says PARTIAL and a note under it says
 * why, so no page of a partial run reads as the day's assessment.
 */
export function markPartial(markdown: string, partial: PartialRun | undefined): string {
  if (!partial) return markdown;
  const note = `> **${MARK} RUN — not the whole policy.** ${text(partial.reason)}. This document is not the day's assessment and is not recorded in the run history.`;
  const heading = /^# (.*)$/m.exec(markdown);
  if (!heading) return `# ${MARK}\n\n${note}\n\n${markdown}`;
  const at = heading.index + heading[0].length;
  return `${markdown.slice(0, heading.index)}# ${partialTitle(heading[1] ?? '', partial)}\n\n${note}${markdown.slice(at)}`;
}
