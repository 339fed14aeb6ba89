import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { labDir } from '../fixtures/lab/process.ts';
import { MIN_CACHED_CHARS, parseCached } from './yaml-cache.ts';

const load = (t: string) => yaml.load(t, { schema: yaml.JSON_SCHEMA });
const big = (extra = '') =>
  `inventory:\n  endpoints:\n${Array.from({ length: 2000 }, (_, i) => `    - { name: e${i}, url: "http://127.0.0.1/e/${i}" }`).join('\n')}\n${extra}`;

describe('parseCached', () => {
  it('parses a large file once per content, then reads the same data back', () => {
    const dir = labDir('yaml-cache');
    const text = big();
    expect(text.length).toBeGreaterThan(MIN_CACHED_CHARS);
    let parses = 0;
    const counted = (t: string) => {
      parses++;
      return load(t);
    };
    const first = parseCached(text, counted, dir);
    const second = parseCached(text, counted, dir);
    expect(parses).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual(load(text));
    // An edited file is another key: parsed again.
    parseCached(big('rubric: {}\n'), counted, dir);
    expect(parses).toBe(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it('never caches what JSON cannot hold exactly, nor small files', () => {
    const dir = labDir('yaml-cache-exact');
    let parses = 0;
    const counted = (t: string) => {
      parses++;
      return load(t);
    };
    const inf = big('limits: { max: .inf, min: -0.0 }\n');
    const a = parseCached(inf, counted, dir) as { limits: { max: number; min: number } };
    const b = parseCached(inf, counted, dir) as { limits: { max: number; min: number } };
    expect(parses).toBe(2);
    expect(b.limits.max).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(a.limits.min, -0)).toBe(true);
    parseCached('a: 1\n', counted, dir);
    parseCached('a: 1\n', counted, dir);
    expect(parses).toBe(4);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('parses again when an entry is unreadable, and still works where it cannot write', () => {
    const dir = labDir('yaml-cache-broken');
    const text = big();
    parseCached(text, load, dir);
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry as string), '{ truncated');
    expect(parseCached(text, load, dir)).toEqual(load(text));
    expect(JSON.parse(readFileSync(join(dir, entry as string), 'utf8'))).toEqual(load(text));
    // A cache directory that is a file: no entry can be written, parsing still answers.
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    expect(parseCached(text, load, join(notADir, 'sub'))).toEqual(load(text));
  });
});
