/** The ProbeContext of one audit run: shared transports, cleanup, secrets, memoised facts. */
import { type ProbeContext, type RunOptions, readSecret, resolvePolicyPath } from '../../checks/context.ts';
import { describeError, inconclusive, type ProbeResult } from '../../checks/probe.ts';
import type { AnyProbe, ProbeRegistry } from '../../checks/registry.ts';
import { type Target, TargetIndex } from '../../policies/select.ts';
import type { Policy, TargetKind } from '../../policies/types.ts';

export class RunContext implements ProbeContext {
  readonly #shared = new Map<string, unknown>();
  readonly #cleanups: (() => unknown)[] = [];
  readonly #memo = new Map<string, Promise<ProbeResult>>();
  readonly #kept = new Set<string>();
  readonly index: TargetIndex;

  readonly #registry: () => Promise<ProbeRegistry>;

  /** `registry` may be a loader: a worker running custom controls loads the catalog only for a fact. */
  constructor(
    readonly policy: Policy,
    readonly options: RunOptions,
    registry: ProbeRegistry | (() => Promise<ProbeRegistry>),
  ) {
    this.index = new TargetIndex(policy.inventory);
    this.#registry = typeof registry === 'function' ? registry : async () => registry;
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

  async close(): Promise<void> {
    const cleanups = this.#cleanups.splice(0);
    await Promise.allSettled(cleanups.map(async (fn) => fn()));
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
  // One promise settled by whichever comes first, the probe or its deadline (no race of two).
  return new Promise<ProbeResult>((resolve) => {
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
      resolve(result);
    };
    // A probe throws only for programmer mistakes; keep the cause visible as an `error` result.
    const crashed = (err: unknown) =>
      done(inconclusive(`${probe.name} crashed: ${describeError(err)}`, { crashed: true }));
    try {
      probe.run(ctx, target, params).then(done, crashed);
    } catch (err) {
      crashed(err);
    }
  });
}
