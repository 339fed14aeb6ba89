import { describe, expect, it } from 'vitest';
import type { TestMeta } from '../../reporters/meta.ts';
import { ResultSlots } from './result-slots.ts';

const meta = (i: number) =>
  ({
    id: 'T-X-001',
    target: `t${i}`,
    targetKind: 'endpoint',
    outcome: 'pass',
    message: '',
    evidence: {},
    durationMs: 1,
  }) as TestMeta;

describe('ResultSlots', () => {
  it('hands over a result that already arrived without waiting, and only once', async () => {
    const slots = new ResultSlots(2);
    slots.arrive(1, meta(1));
    expect(slots.take(1)).toEqual(meta(1));
    const again = slots.take(1);
    expect(again).toBeInstanceOf(Promise);
    slots.arrive(1, meta(9));
    await expect(again).resolves.toEqual(meta(9));
  });

  it('wakes the waiting test when its result arrives, not for another one', async () => {
    const slots = new ResultSlots(3);
    const waiting = slots.take(0) as Promise<TestMeta>;
    let settled = false;
    void waiting.then(() => {
      settled = true;
    });
    slots.arrive(2, meta(2));
    await Promise.resolve();
    expect(settled).toBe(false);
    slots.arrive(0, meta(0));
    await expect(waiting).resolves.toEqual(meta(0));
    expect(slots.take(2)).toEqual(meta(2));
  });

  it('after a failure, keeps what arrived and rejects the waiting and later results', async () => {
    const slots = new ResultSlots(3);
    slots.arrive(0, meta(0));
    const waiting = slots.take(1) as Promise<TestMeta>;
    slots.fail(new Error('readyspec: the probe engine closed the connection'));
    await expect(waiting).rejects.toThrow('closed the connection');
    expect(slots.take(0)).toEqual(meta(0));
    await expect(slots.take(2)).rejects.toThrow('closed the connection');
  });

  it('refuses a second waiter: tests take their results one at a time', () => {
    const slots = new ResultSlots(2);
    void slots.take(0);
    expect(() => slots.take(1)).toThrow('result 1 taken while result 0 is awaited');
  });
});
