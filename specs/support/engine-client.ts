/**
 * The worker's side of the engine socket: asks for a category, gets its test titles at once
 * and each result's meta as it arrives.
 */
import { connect, type Socket } from 'node:net';
import { inject } from 'vitest';
import type { Policy } from '../../policies/types.ts';
import type { TestMeta } from '../../reporters/meta.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    'readyspec:engine': string;
  }
}

interface Deferred {
  promise: Promise<TestMeta>;
  resolve(meta: TestMeta): void;
  reject(err: Error): void;
}

interface Pending {
  titles: (titles: string[]) => void;
  /** Dropped once settled: 50,000 settlers are not kept for the whole run. */
  results: (Deferred | undefined)[];
}

let socket: Socket | undefined;
const pending = new Map<string, Pending>();

function deferred(): Deferred {
  let resolve!: (m: TestMeta) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<TestMeta>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // a test that was filtered out never awaits its result
  return { promise, resolve, reject };
}

function open(): Socket {
  if (socket) return socket;
  const s = connect(inject('readyspec:engine'));
  s.setEncoding('utf8');
  let buffered = '';
  s.on('data', (chunk: string) => {
    buffered += chunk;
    let start = 0;
    let nl = buffered.indexOf('\n', start);
    while (nl >= 0) {
      receive(JSON.parse(buffered.slice(start, nl)));
      start = nl + 1;
      nl = buffered.indexOf('\n', start);
    }
    buffered = buffered.slice(start);
  });
  const fail = (err: Error) => {
    for (const p of pending.values()) for (const d of p.results) d?.reject(err);
  };
  s.on('error', (err) => fail(new Error(`readyspec: lost the probe engine: ${err.message}`)));
  s.on('close', () => fail(new Error('readyspec: the probe engine closed the connection')));
  s.unref();
  socket = s;
  return s;
}

let policyWaiter: ((policy: Policy) => void) | undefined;

function receive(message: {
  category?: string;
  titles?: string[];
  i?: number;
  meta?: TestMeta;
  policy?: Policy;
}): void {
  if (message.policy) {
    policyWaiter?.(message.policy);
    return;
  }
  const p = pending.get(message.category ?? '');
  if (!p) return;
  if (message.titles) {
    p.results = message.titles.map(deferred);
    p.titles(message.titles);
  } else if (message.i !== undefined && message.meta) {
    const settler = p.results[message.i];
    p.results[message.i] = undefined;
    settler?.resolve(message.meta);
  }
}

let policy: Promise<Policy> | undefined;

/** The run's policy, asked of the engine once (only controls written in TypeScript need it). */
export function requestPolicy(): Promise<Policy> {
  policy ??= new Promise((resolve) => {
    policyWaiter = resolve;
    open().write(`${JSON.stringify({ policy: true })}\n`);
  });
  return policy;
}

/** The titles of a category's tests and, per title, the promise of its meta. */
export function requestCategory(
  category: string,
): Promise<{ titles: string[]; results: Promise<TestMeta>[] }> {
  return new Promise((resolve) => {
    const entry: Pending = {
      results: [],
      titles: (titles) => resolve({ titles, results: entry.results.map((d) => (d as Deferred).promise) }),
    };
    pending.set(category, entry);
    open().write(`${JSON.stringify({ category })}\n`);
  });
}
