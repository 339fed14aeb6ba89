import { expect, it } from 'vitest';
import { lazyTransport } from './lazy.ts';

it('loads the implementation once, on the first call, and forwards calls', async () => {
  let loads = 0;
  type Doubler = { host: string; double(n: number): Promise<number>; close(): Promise<string> };
  const t = lazyTransport<Doubler>(
    async () => {
      loads++;
      return { host: 'h1', double: async (n: number) => n * 2, close: async () => 'closed' };
    },
    { host: 'h1' },
  );
  expect(loads).toBe(0);
  expect(t.host).toBe('h1');
  expect(await Promise.all([t.double(2), t.double(5)])).toEqual([4, 10]);
  expect(await t.close()).toBe('closed');
  expect(loads).toBe(1);
});

it('surfaces a failed load as a rejected call', async () => {
  const t = lazyTransport<{ run(): Promise<void> }>(async () => {
    throw new Error('cannot load ssh2');
  });
  await expect(t.run()).rejects.toThrow('cannot load ssh2');
});

it('closes an unused transport without loading it', async () => {
  let loads = 0;
  const t = lazyTransport<{ close(): Promise<void> }>(async () => {
    loads++;
    return { close: async () => {} };
  });
  await t.close();
  expect(loads).toBe(0);
});
