/**
 * Shared by the container probes: name patterns (picomatch), which containers a probe judges,
 * one subject per container with the container's own evidence, and reading the snapshot
 * without throwing.
 */
import picomatch from 'picomatch';
import { globProblem, MAX_GLOB_CHARS } from '../glob-problems.ts';
import {
  type Evidence,
  fromError,
  inconclusive,
  type Json,
  type ProbeResult,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import type { ParamProblem } from '../registry.ts';
import type { ContainerFacts, FactName } from './facts.ts';
import type { ContainerSource } from './snapshot.ts';

export interface Selection {
  /** Name patterns (picomatch: `*`, `?`, `[a-c]`, `{a,b}`, leading `!` negates) to look at; default all. */
  include?: string[];
  /** Name patterns to leave out. */
  exclude?: string[];
}

const pattern = { type: 'string', minLength: 1 } as const;

/** JSON Schema properties for `include`/`exclude`, spread into each probe's params schema. */
export const selectionSchema = {
  include: {
    type: 'array',
    items: pattern,
    description: 'Container name patterns to check (*, ?, [a-z], {a,b}, !negation); default all.',
  },
  exclude: { type: 'array', items: pattern, description: 'Container name patterns to leave out.' },
} as const;

const matchers = new Map<string, (name: string) => boolean>();

/** True when `name` matches the glob `pattern` (whole name, case-sensitive like Docker). */
export function matchesName(pattern: string, name: string): boolean {
  let match = matchers.get(pattern);
  if (!match) {
    match = picomatch(pattern, { dot: true });
    if (matchers.size > 1000) matchers.clear();
    matchers.set(pattern, match);
  }
  return match(name);
}

/** Load-time check: a pattern picomatch turns into "matches nothing" (`[z-a]`) is a policy mistake. */
export function selectionProblems(p: Selection): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const key of ['include', 'exclude'] as const)
    (p[key] ?? []).forEach((text, i) => {
      // Past the cap picomatch throws; the cap's own message names the length.
      const long = text.length > MAX_GLOB_CHARS ? globProblem(text) : undefined;
      if (long) problems.push({ path: `/${key}/${i}`, message: long });
      else if (picomatch.makeRe(text, { dot: true }).source === '$^')
        problems.push({ path: `/${key}/${i}`, message: `"${text}" is not a valid name pattern` });
    });
  return problems;
}

export function selectContainers(all: ContainerFacts[], sel: Selection): ContainerFacts[] {
  return all.filter(
    (c) =>
      (!sel.include?.length || sel.include.some((p) => matchesName(p, c.name))) &&
      !sel.exclude?.some((p) => matchesName(p, c.name)),
  );
}

/** At most this many items are listed in evidence; counts are always exact. */
const MAX_LISTED = 50;

export function listed<T extends Json>(items: T[]): T[] {
  return items.slice(0, MAX_LISTED);
}

export interface Scope {
  /** Judge running containers only; the others are left out (listed in the summary). */
  runningOnly: boolean;
  /** Words for messages: "running containers". */
  noun: string;
}

export const RUNNING: Scope = { runningOnly: true, noun: 'running containers' };
export const ALL: Scope = { runningOnly: false, noun: 'containers' };

/** What a subject's evidence always says about its container; a stopped one's exit too. */
export function containerEvidence(c: ContainerFacts): Evidence {
  const ev: Evidence = { container: c.name, image: c.image, state: c.state };
  if (!c.running)
    Object.assign(ev, { exitCode: c.exitCode, oomKilled: c.oomKilled, finishedAt: c.finishedAt });
  return ev;
}

/** "exited with code 3 at 2026-12-01T10:00:00Z, OOM-killed" — a container's state for messages. */
export function describeState(c: ContainerFacts): string {
  if (c.unread.state) return 'state unknown';
  if (c.running) return c.state;
  if (c.state === 'created') return 'created, never started';
  const parts = [c.exitCode === null ? c.state : `${c.state} with code ${c.exitCode}`];
  if (c.finishedAt) parts.push(`at ${c.finishedAt}`);
  const text = parts.join(' ');
  return c.oomKilled ? `${text}, OOM-killed` : text;
}

/**
 * Reads the host's containers, applies the selection and judges each container as its own
 * subject (`needs`: the facts the judge reads; a container whose inspect answer lacks one is
 * `error` naming the field). Engine unreachable or answer unusable → one `error`, no subjects.
 * @example await judgeEach(src, { exclude: ['job-*'] }, RUNNING, ['privileged'], (c) => pass(`${c.name}: ok`, {}))
 */
export async function judgeEach(
  src: ContainerSource,
  sel: Selection,
  scope: Scope,
  needs: FactName[],
  judge: (c: ContainerFacts) => ProbeResult,
  summary: Evidence = {},
): Promise<ProbeResult> {
  const base: Evidence = { source: src.source, host: src.host };
  let all: ContainerFacts[];
  try {
    all = await src.containers();
  } catch (err) {
    return fromError(err, base);
  }
  const subjects: SubjectResult[] = [];
  const notRunning: Json[] = [];
  for (const c of selectContainers(all, sel)) {
    const ev = { source: src.source, ...containerEvidence(c) };
    const wanted: FactName[] = scope.runningOnly ? ['running', ...needs] : needs;
    const missing = [...new Set(wanted.flatMap((f) => (c.unread[f] ? [c.unread[f]] : [])))];
    if (c.unusable) {
      const why = `${c.name}: the engine's inspect answer is unusable: ${c.unusable}`;
      subjects.push(subject(c.name, inconclusive(why, { ...ev, unusable: c.unusable })));
    } else if (missing.length) {
      const why = `${c.name}: the engine's inspect answer has no usable ${missing.join(', ')}`;
      subjects.push(subject(c.name, inconclusive(why, { ...ev, unread: missing })));
    } else if (scope.runningOnly && !c.running) {
      notRunning.push({ ...containerEvidence(c) } as Json);
    } else {
      const r = judge(c);
      subjects.push(subject(c.name, { ...r, evidence: { ...ev, ...r.evidence } }));
    }
  }
  const extra: Evidence = scope.runningOnly
    ? { notRunning: listed(notRunning), notRunningCount: notRunning.length }
    : {};
  return perSubject(src.host, scope.noun, subjects, { ...base, ...extra, ...summary });
}
