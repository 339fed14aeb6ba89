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

/** What a custom control's bookkeeping needs of the policy: not the inventory. */
export type PolicyRules = Pick<Policy, 'name' | 'rubric' | 'waivers'>;
type PolicyPart = 'rules' | 'full';

const policyWaiters = new Map<PolicyPart, (policy: Policy | PolicyRules) => void>();

function receive(message: {
  category?: string;
  titles?: string[];
  i?: number;
  meta?: TestMeta;
  policy?: Policy | PolicyRules;
  part?: PolicyPart;
  others?: string[];
}): void {
  if (message.others) {
    othersWaiter?.(message.others);
    return;
  }
  if (message.policy) {
    policyWaiters.get(message.part ?? 'full')?.(message.policy);
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

const policies = new Map<PolicyPart, Promise<Policy | PolicyRules>>();

function requestPart(part: PolicyPart): Promise<Policy | PolicyRules> {
  let asked = policies.get(part);
  if (!asked) {
    asked = new Promise((resolve) => {
      policyWaiters.set(part, resolve);
      open().write(`${JSON.stringify({ policy: part })}\n`);
    });
    policies.set(part, asked);
  }
  return asked;
}

/** The run's whole policy, asked of the engine once (a custom control's probe context). */
export function requestPolicy(): Promise<Policy> {
  return requestPart('full') as Promise<Policy>;
}

/** Rubric and waivers only: at 50,000 endpoints the whole policy is megabytes of inventory. */
export function requestPolicyRules(): Promise<PolicyRules> {
  return requestPart('rules');
}

let others: Promise<string[]> | undefined;
let othersWaiter: ((categories: string[]) => void) | undefined;

/** The policy's categories that have no spec file of their own (asked of the engine once). */
export function requestOtherCategories(): Promise<string[]> {
  others ??= new Promise((resolve) => {
    othersWaiter = resolve;
    open().write(`${JSON.stringify({ others: true })}\n`);
  });
  return others;
}

/** The titles of a category's tests and their results, as they arrive. */
export function requestCategory(category: string): Promise<{ titles: string[]; results: ResultSlots }> {
  return new Promise((resolve) => {
    pending.set(category, { titles: (titles, results) => resolve({ titles, results }) });
    open().write(`${JSON.stringify({ category })}\n`);
  });
}
