/**
 * readyspec.prom: the run as Prometheus metrics in the text exposition format, for
 * node_exporter's textfile collector, so a readiness regression can alert like any other
 * (`readyspec_ready == 0`, `readyspec_control_outcome{outcome="fail",severity="critical"} == 1`).
 * No timestamps (the collector refuses them); the run's time is `readyspec_run_timestamp_seconds`.
 * An INCOMPLETE run has no `readyspec_grade` sample: `readyspec_incomplete` says so. Pure.
 */
import type { RunResults } from './run.ts';

const NEEDS_ESCAPE = /[\\"\n]/;

/** A label value: backslash, double quote and line feed escaped (exposition format). */
export function escapeLabel(value: string): string {
  // Most values (ids, host names, outcomes) have nothing to escape: one scan, no copies.
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

type Labels = Record<string, string>;

function labels(l: Labels): string {
  let out = '';
  for (const k in l) out += `${out ? ',' : '{'}${k}="${escapeLabel(l[k])}"`;
  return out ? `${out}}` : '';
}

function value(n: number): string {
  return Number.isFinite(n) ? String(n) : 'NaN';
}

class Families {
  readonly lines: string[] = [];
  family(name: string, help: string, samples: [Labels, number][]): void {
    if (samples.length === 0) return;
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [l, n] of samples) this.lines.push(`${name}${labels(l)} ${value(n)}`);
  }
  /** A family whose sample lines are already written. */
  rendered(name: string, help: string, lines: string[]): void {
    if (lines.length === 0) return;
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const line of lines) this.lines.push(line);
  }
}

/** The textfile's content for one run. */
export function renderPrometheus(results: RunResults): string {
  const policy = { policy: results.policy };
  const f = new Families();
  const g = results.grade.score;
  f.family(
    'readyspec_grade',
    'Overall readiness score of the last run (0-100); absent when the run is INCOMPLETE.',
    g === null ? [] : [[policy, g]],
  );
  f.family('readyspec_ready', '1 when the last run was PRODUCTION READY, else 0.', [
    [policy, results.decision.ready ? 1 : 0],
  ]);
  f.family(
    'readyspec_incomplete',
    '1 when too many results were inconclusive to grade the run (INCOMPLETE).',
    [[policy, results.grade.letter === 'INCOMPLETE' ? 1 : 0]],
  );
  f.family('readyspec_partial', '1 when the last run did not grade the whole policy (PARTIAL).', [
    [policy, results.partial ? 1 : 0],
  ]);
  f.family('readyspec_blocking_items', 'What blocks the PRODUCTION READY decision, counted.', [
    [policy, results.decision.blocking.length],
  ]);
  f.family(
    'readyspec_score',
    'Score of each category of the rubric (0-100); a category with nothing evaluated has no sample.',
    results.categories
      .filter((c) => c.score !== null)
      .map((c) => [{ ...policy, category: c.id }, c.score as number]),
  );
  f.family(
    'readyspec_results',
    'Results of the last run by outcome.',
    Object.entries(results.counts).map(([outcome, n]) => [{ ...policy, outcome }, n]),
  );
  f.family('readyspec_inconclusive_share', 'Share of evaluated checks that were inconclusive (0-1).', [
    [policy, results.coverage.share],
  ]);
  // One series per result: 50,000 rows are written as lines, not as 50,000 label objects.
  const policyLabel = `policy="${escapeLabel(results.policy)}"`;
  const seen = new Set<string>();
  const series: string[] = [];
  for (const c of results.controls) {
    const key = `${c.id}\0${c.target}\0${c.subject ?? ''}`;
    if (seen.has(key)) continue; // a series appears once, or the collector refuses the file
    seen.add(key);
    series.push(
      `readyspec_control_outcome{${policyLabel},control="${escapeLabel(c.id)}",target="${escapeLabel(c.target)}",subject="${escapeLabel(c.subject ?? '')}",outcome="${escapeLabel(c.outcome)}",severity="${escapeLabel(c.severity)}"} 1`,
    );
  }
  f.rendered(
    'readyspec_control_outcome',
    'One series per result of the last run (control x target x subject), labelled with its outcome.',
    series,
  );
  const started = Date.parse(results.provenance?.startedAt ?? results.generatedAt);
  f.family('readyspec_run_timestamp_seconds', 'When the last run started (Unix time).', [
    [policy, Math.round(started / 1000)],
  ]);
  const p = results.provenance;
  if (p)
    f.family('readyspec_info', 'readyspec version and policy digest of the last run.', [
      [
        {
          ...policy,
          version: p.readyspec,
          policy_digest: p.policy.digest,
          policy_commit: p.policy.commit ?? '',
        },
        1,
      ],
    ]);
  return `${f.lines.join('\n')}\n`;
}
