import { describe, expect, it } from 'vitest';
import { Progress } from './progress.ts';

function harness(isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  let t = 0;
  const writes: string[] = [];
  const p = new Progress({ isTTY, write: (s: string) => writes.push(s) }, { env, now: () => t });
  const at = (ms: number) => {
    t = ms;
  };
  return { p, writes, at };
}

describe('progress', () => {
  it('prints nothing for a run shorter than 2 s', () => {
    const { p, writes, at } = harness(true);
    p.collected(3);
    at(1900);
    p.tick();
    p.stop();
    expect(writes).toEqual([]);
  });

  it('on a TTY redraws one line with done/total, failing, inconclusive, elapsed and the oldest in flight', () => {
    const { p, writes, at } = harness(true);
    p.collected(4);
    p.ready('a', 'SEC-1 t @ web');
    p.finished('a', 'fail');
    p.ready('b', 'AVL-2 slow @ db');
    at(500);
    p.ready('c', 'AVL-3 later @ db');
    p.finished('x', 'error');
    at(3000);
    p.tick();
    expect(writes).toEqual([
      '\r\x1b[2Kreadyspec: 2/4 checked, 1 failing, 1 inconclusive, 3.0s elapsed, waiting 3.0s on AVL-2 slow @ db',
    ]);
    p.stop();
    expect(writes.at(-1)).toBe('\r\x1b[2K'); // the line is cleared before the grade prints
  });

  it('in CI (CI=true, even on a TTY) writes plain lines', () => {
    const { p, writes, at } = harness(true, { CI: 'true' });
    p.collected(1);
    at(6000);
    p.tick();
    p.stop();
    expect(writes).toEqual(['readyspec: 0/1 checked, 0 failing, 0 inconclusive, 6.0s elapsed\n']);
  });

  it('costs a counter per test: 50,000 results in well under a second', () => {
    const { p } = harness(false);
    p.collected(50_000);
    const start = performance.now();
    for (let i = 0; i < 50_000; i++) {
      p.ready(String(i), `C-${i} @ site-${i}`);
      p.finished(String(i), i % 10 === 0 ? 'fail' : 'pass');
    }
    expect(performance.now() - start).toBeLessThan(500);
    expect(p.line()).toContain('50000/50000 checked, 5000 failing');
  });
});
