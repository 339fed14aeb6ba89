/**
 * The worker's side of the engine socket: asks for a category, gets its test titles at once
 * and each result's meta as it arrives.
 */
import { connect, type Socket } from 'node:net';
import { inject } from 'vitest';
import type { Policy } from '../../policies/types.ts';
import type { TestMeta } from '../../reporters/meta.ts';
import { ResultSlots } from './result-slots.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    'readyspec:engine': string;
  }
}

interface Pending {
  titles: (titles: string[], results: ResultSlots) => void;
  results?: ResultSlots;
}

let socket: Socket | undefined;
const pending = new Map<string, Pending>();

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
    for (const p of pending.values()) p.results?.fail(err);
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
    p.results = new ResultSlots(message.titles.length);
    p.titles(message.titles, p.results);
  } else if (message.i !== undefined && message.meta) {
    p.results?.arrive(message.i, message.meta);
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

/** The titles of a category's tests and their results, as they arrive. */
export function requestCategory(category: string): Promise<{ titles: string[]; results: ResultSlots }> {
  return new Promise((resolve) => {
    pending.set(category, { titles: (titles, results) => resolve({ titles, results }) });
    open().write(`${JSON.stringify({ category })}\n`);
  });
}
