/**
 * Probe definitions: what a policy's `check:` names. A definition ties a probe function to the
 * kind of inventory target it reads, the JSON Schema of its params (validated at load time,
 * before any connection) and, for command probes, the commands it would run (plan mode).
 */
import { closest } from 'fastest-levenshtein';
import type { MonitoringKind, TargetKind, TargetOfKind } from '../policies/types.ts';
import type { ProbeContext } from './context.ts';
import type { ProbeResult } from './probe.ts';
import type { Command } from './transport/command.ts';

export type JsonSchema = Record<string, unknown>;

/**
 * A params problem a JSON Schema cannot express (an address that does not parse, min above
 * max): a message, or a message with the JSON pointer inside params it is about
 * (`/allowAddresses/1`). The loader names the control and the file path around it.
 */
export type ParamProblem = string | { path: string; message: string };

export interface ProbeDefinition<K extends TargetKind = TargetKind, P = Record<string, unknown>> {
  /** What `check:` names, `area.topic`: `http.status`, `host.listening`. */
  name: string;
  /** One line for plan output and the report. */
  summary: string;
  target: K;
  /** For `monitoring` targets: which kind of monitoring service the probe speaks to. */
  monitoringKind?: MonitoringKind;
  /** JSON Schema of `params` (an object schema; ajv adds the file and path to errors). */
  params: JsonSchema;
  /**
   * The probe's own check of its params, run when the policy loads, after the params passed
   * their schema (so it may trust their shape). The audit validates from catalog-index.json
   * without loading probe areas, so the same function must also be listed by probe name in
   * checks/params-checks.ts (light modules only; a test keeps the two in step).
   */
  validateParams?(params: P): ParamProblem[];
  /** Changes the target (test alert, restore drill): runs only when policy and command line enable it. */
  active?: boolean;
  /**
   * Returns one result per subject (ProbeResult.subjects): the engine waits for such checks
   * before it names a category's tests, since each subject is a test of its own.
   */
  subjects?: boolean;
  /** Hard limit on one run of the probe (default: 6 × the run's timeout); past it the result is `error`. */
  deadlineMs?: number;
  run(ctx: ProbeContext, target: TargetOfKind[K], params: P): Promise<ProbeResult>;
  /** The read-only commands the probe would run on a host, for plan mode. */
  plan?(target: TargetOfKind[K], params: P): Command[];
}

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds probes of every kind and param type
export type AnyProbe = ProbeDefinition<any, any>;

export function defineProbe<K extends TargetKind, P>(
  definition: ProbeDefinition<K, P>,
): ProbeDefinition<K, P> {
  return definition;
}

export class ProbeRegistry {
  readonly #byName = new Map<string, AnyProbe>();

  constructor(probes: readonly AnyProbe[]) {
    for (const probe of probes) {
      if (this.#byName.has(probe.name)) throw new Error(`probe ${probe.name} is registered twice`);
      this.#byName.set(probe.name, probe);
    }
  }

  get(name: string): AnyProbe | undefined {
    return this.#byName.get(name);
  }

  names(): string[] {
    return [...this.#byName.keys()].sort();
  }

  /** The registered name nearest to a misspelt one, for "did you mean". */
  suggest(name: string): string | undefined {
    const names = this.names();
    return names.length ? closest(name, names) : undefined;
  }
}
