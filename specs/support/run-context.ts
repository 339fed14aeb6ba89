/**
 * The ProbeContext of one audit run: shared transports, cleanup, secrets, memoised facts, and
 * the whole-run deadline: past it, every check still running (and any not started) is `error`
 * "run deadline reached", so the run still ends and writes its documents.
 */
import { type ProbeContext, type RunOptions, readSecret, resolvePolicyPath } from '../../checks/context.ts';
import { describeError, inconclusive, type ProbeResult } from '../../checks/probe.ts';
import type { AnyProbe, ProbeRegistry } from '../../checks/registry.ts';
import { killTrackedGroups } from '../../checks/transport/process-groups.ts';
import { type Target, TargetIndex } from '../../policies/select.ts';
import type { Policy, TargetKind } from '../../policies/types.ts';

/**
 * When the whole run must end (epoch ms). Set by the global setup before the engine starts and
 * read by every RunContext of the run (the worker's too, whose environment is copied at start).
 */
export const RUN_DEADLINE_AT = 'READYSPEC_RUN_DEADLINE_AT';

/** Closing transports may not hold the end of a run hostage (a peer that never says goodbye). */
const CLOSE_GRACE_MS = 5000;

export class RunContext implements ProbeContext {
  readonly #shared = new Map<string, unknown>();
  readonly #cleanups: (() => unknown)[] = [];
  readonly #memo = new Map<string, Promise<ProbeResult>>();
  readonly #kept = new Set<string>();
  readonly index: TargetIndex;

  readonly #registry: () => Promise<ProbeRegistry>;
  /** Settles checks in flight when the run deadline passes; `reached` once it has. */
  readonly #deadline = { reached: false, at: 0, waiters: new Set<() => void>() };

  /** `registry` may be a loader: a worker running custom controls loads the catalog only for a fact. */
  constructor(
    readonly policy: Policy,
    readonly options: RunOptions,
    registry: ProbeRegistry | (() => Promise<ProbeRegistry>),
  ) {
    this.index = new TargetIndex(policy.inventory);
    this.#registry = typeof registry === 'function' ? registry : async () => registry;
    const at = Number(process.env[RUN_DEADLINE_AT]);
    if (Number.isFinite(at) && at > 0) this.startRunDeadline(at);
  }

  /** Arms the whole-run deadline (epoch ms); past it every check in flight settles as `error`. */
  startRunDeadline(at: number): void {
    this.#deadline.at = at;
    const fire = () => {
      this.#deadline.reached = true;
      for (const settle of [...this.#deadline.waiters]) settle();
      this.#deadline.waiters.clear();
      // Every check is settled now: a command still running has no reader, and its pipes
      // would keep the process from exiting.
      killTrackedGroups();
    };
    const left = at - Date.now();
    if (left <= 0) fire();
    // Unref'd: a run that finished early does not wait for its deadline to exit.
    else setTimeout(fire, Math.min(left, 2 ** 31 - 1)).unref();
  }

  /** Calls `settle` when the run deadline passes; returns the function that cancels it. */
  onRunDeadline(settle: () => void): () => void {
    if (this.#deadline.reached) {
      settle();
      return () => {};
    }
    this.#deadline.waiters.add(settle);
    return () => this.#deadline.waiters.delete(settle);
  }

  /** The result of a check the run deadline cut short (or never started). */
  deadlineResult(probe: string, target: string): ProbeResult {
    return inconclusive(
      `run deadline reached: ${probe} on ${target} had not finished when the run's time was up (READYSPEC_RUN_DEADLINE)`,
      { runDeadline: new Date(this.#deadline.at).toISOString() },
    );
  }

  shared<T>(key: string, create: () => T): T {
    if (!this.#shared.has(key)) this.#shared.set(key, create());
    return this.#shared.get(key) as T;
  }

  onClose(fn: () => unknown): void {
    this.#cleanups.push(fn);
  }

  path(p: string): string {
    return resolvePolicyPath(this.policy.baseDir, p);
  }

  secret(ref: Parameters<ProbeContext['secret']>[0]): string | undefined {
    return readSecret(ref, this.policy.baseDir);
  }

  async fact(check: string, targetName: string, params: Record<string, unknown> = {}): Promise<ProbeResult> {
    const probe = (await this.#registry()).get(check);
    if (!probe) return inconclusive(`fact: unknown check "${check}"`, { source: check });
    const target = this.index.get(probe.target as TargetKind, targetName);
    if (!target) return inconclusive(`fact: no ${probe.target} named "${targetName}"`, { source: check });
    return this.measure(probe, target, params, true);
  }

  /**
   * Runs a probe within its deadline. Identical measurements in flight share one run; a fact
   * stays memoised for the whole run (every claim compares with the same figure), while a
   * control's own result is dropped once settled, so 50,000 endpoints are not held twice.
   */
  measure(
    probe: AnyProbe,
    target: Target,
    params: Record<string, unknown>,
    keep = false,
  ): Promise<ProbeResult> {
    const key = `${probe.name}\0${target.name}\0${paramsKey(params)}`;
    const known = this.#memo.get(key);
    if (known) {
      if (keep) this.#kept.add(key);
      return known;
    }
    const result = runWithDeadline(this, probe, target, params);
    this.#memo.set(key, result);
    if (keep) this.#kept.add(key);
    else result.finally(() => !this.#kept.has(key) && this.#memo.delete(key));
    return result;
  }

  get runDeadlineReached(): boolean {
    return this.#deadline.reached;
  }

  async close(): Promise<void> {
    const cleanups = this.#cleanups.splice(0);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((done) => {
      timer = setTimeout(done, CLOSE_GRACE_MS);
      timer.unref();
    });
    await Promise.race([Promise.allSettled(cleanups.map(async (fn) => fn())), grace]);
    clearTimeout(timer);
    killTrackedGroups();
    this.#shared.clear();
  }
}

const paramsKeys = new WeakMap<object, string>();

/** A control's params object is the same for all its targets: serialised once. */
function paramsKey(params: Record<string, unknown>): string {
  let key = paramsKeys.get(params);
  if (key === undefined) {
    key = JSON.stringify(params);
    paramsKeys.set(params, key);
  }
  return key;
}

function runWithDeadline(
  ctx: RunContext,
  probe: AnyProbe,
  target: Target,
  params: Record<string, unknown>,
): Promise<ProbeResult> {
  const deadline = probe.deadlineMs ?? ctx.options.timeoutMs * 6;
  // One promise settled by whichever comes first: the probe, its deadline or the run's.
  return new Promise<ProbeResult>((resolve) => {
    let cancelRunDeadline = () => {};
    const timer = setTimeout(
      () =>
        resolve(
          inconclusive(`${probe.name} did not finish within ${deadline} ms on ${target.name}`, {
            deadlineMs: deadline,
          }),
        ),
      deadline,
    );
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      cancelRunDeadline();
      resolve(result);
    };
    cancelRunDeadline = ctx.onRunDeadline(() => done(ctx.deadlineResult(probe.name, target.name)));
    // A probe throws only for programmer mistakes; keep the cause visible as an `error` result.
    const crashed = (err: unknown) =>
      done(inconclusive(`${probe.name} crashed: ${describeError(err)}`, { crashed: true }));
    // Past the run's deadline a check is not even started.
    if (ctx.runDeadlineReached) return;
    try {
      probe.run(ctx, target, params).then(done, crashed);
    } catch (err) {
      crashed(err);
    }
  });
}
