/**
 * What a probe gets besides its target and params: run options, secrets, a per-run cache for
 * transports (one SSH connection per host, one HTTP pool…) and facts measured by other probes.
 */
import { readSecretRef, registerSecret, resolvedSecret, resolvePolicyPath } from '../policies/secrets.ts';
import type { Policy, SecretRef } from '../policies/types.ts';
import type { ProbeResult } from './probe.ts';

export interface RunOptions {
  /** Default timeout of one network call or command. */
  timeoutMs: number;
  /** Active checks (sending a test alert, a restore drill) run only when this is true. */
  active: boolean;
  /** Clock of the run: probes compare ages against it. */
  now: Date;
  /** Where reports are written (acceptance probes read earlier sign-offs there). */
  reportsDir: string;
  /** Bound on probes in flight at once in one worker. */
  concurrency: number;
}

export interface ProbeContext {
  readonly policy: Policy;
  readonly options: RunOptions;
  /** One instance per key for the whole run: connections, clients, pools. */
  shared<T>(key: string, create: () => T): T;
  /** Registers a cleanup that runs once when the run ends. */
  onClose(fn: () => unknown): void;
  /** A path from the policy, resolved against the policy's directory. */
  path(p: string): string;
  /** Reads a secret reference; undefined when the variable or file is missing. */
  secret(ref: SecretRef | undefined): string | undefined;
  /**
   * A fact measured by another probe in this run (memoised: measured once however many
   * controls ask), e.g. the running container count that a document's claim is compared to.
   */
  fact(check: string, target: string, params?: Record<string, unknown>): Promise<ProbeResult>;
}

export { resolvePolicyPath };

/**
 * The value of a secret reference: the one read when the policy loaded (policies/secret-refs.ts),
 * else read now and registered for redaction before the caller can send it anywhere.
 * Undefined when the variable or file is missing (the loader refuses such a policy).
 */
export function readSecret(ref: SecretRef | undefined, baseDir: string): string | undefined {
  if (!ref) return undefined;
  const known = resolvedSecret(ref, baseDir);
  if (known !== undefined) return known;
  const read = readSecretRef(ref, baseDir);
  if (!read.ok) return undefined;
  registerSecret(read.value);
  return read.value;
}
