/**
 * A 300 kB hostile value from a target (emphasis, brackets, backticks and tags that make
 * marked's inline lexer quadratic when raw) is bounded where it leaves the probe and rendered
 * to Markdown and HTML in well under a second; a cut never splits a secret.
 */
import { describe, expect, it } from 'vitest';
import { code, compactEvidence, table, text } from '../../reporters/format.ts';
import { renderHtml } from '../../reporters/html.ts';
import {
  boundEvidence,
  boundMessage,
  MAX_EVIDENCE_CHARS,
  MAX_EVIDENCE_STRING_CHARS,
  MAX_MESSAGE_CHARS,
} from './bounded-result.ts';

const same = (s: string) => s;
const hostile = ['*a ', '[', '`a', '_a', '<a', '**[`_<'].map((unit) =>
  unit.repeat(Math.ceil(300_000 / unit.length)),
);

describe('results bounded where they leave the probe', () => {
  it.each(hostile.map((v) => [v.slice(0, 6), v]))(
    'a 300 kB %s… value renders in Markdown and HTML in under a second',
    (_unit, value) => {
      const started = performance.now();
      const message = boundMessage(`JSON name is ${JSON.stringify(value)}`, same);
      const evidence = boundEvidence({ observed: value, list: Array(10_000).fill(value) }, same);
      expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(JSON.stringify(evidence).length).toBeLessThan(MAX_EVIDENCE_CHARS + 2000);
      const markdown = `${table(['message', 'evidence'], [[text(message), code(compactEvidence(evidence, 2000))]])}\n\n${text(message)}\n`;
      const html = renderHtml(markdown, 'hostile');
      expect(html).toContain('[cut: ');
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );

  it('bounds strings, lists, keys and depth', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const big = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    const out = boundEvidence(
      { s: 'x'.repeat(100_000), a: Array(1000).fill(1), big, deep } as never,
      same,
    ) as Record<string, unknown>;
    expect((out.s as string).length).toBeLessThanOrEqual(MAX_EVIDENCE_STRING_CHARS);
    expect((out.a as unknown[]).at(-1)).toBe('… 800 more');
    expect((out.big as Record<string, unknown>)['…']).toBe('300 more keys');
    expect(JSON.stringify(out.deep)).toContain('nested deeper than 16 levels');
  });

  it('redacts a string before cutting it, so no half secret survives the cut', () => {
    const secret = 'S3cr3t-T0ken-Value-0123456789';
    const long = `${'x'.repeat(MAX_MESSAGE_CHARS - 50)}${secret}${'y'.repeat(100)}`;
    const message = boundMessage(long, (s) => s.replaceAll(secret, '[REDACTED]'));
    expect(message).not.toContain('S3cr3t');
    expect(message).toContain('[REDACTED]');
  });
});
