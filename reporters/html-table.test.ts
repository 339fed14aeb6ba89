import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { code, table, text } from './format.ts';
import { splitTables } from './html-table.ts';

// marked is the reference: the fast path must produce the same table marked would.
function normalise(html: string): string {
  return html
    .replace(/>\s+</g, '><')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();
}

describe('splitTables (fast table rendering)', () => {
  it.each([
    ['plain cells', ['a', 'b']],
    [
      'escaped Markdown in text',
      [text('a|b *c* _d_ [e](f) <script>x</script> \\ `g` # h'), text('line\nbreak')],
    ],
    ['code spans with pipes and backticks', [code('{"a":"x|y"}'), code('has `tick` and ``two``')]],
    ['strong labels and empty cells', ['**FAIL**', '']],
    ['HTML-ish evidence in code', [code('<b>&amp;</b> "quoted" \'single\''), text('5 > 3 & 2 < 4')]],
  ])('%s renders like marked', (_name, cells) => {
    const md = table(['Head 1', 'Head **2**'], [cells]);
    const [part] = splitTables(md);
    expect(part.html).toBeDefined();
    expect(normalise(part.html!)).toBe(normalise(marked.parse(md, { async: false }) as string));
  });

  it('leaves the surrounding Markdown to marked and keeps the order', () => {
    const md = `# T\n\nIntro | not a table\n\n${table(['A'], [['1'], ['2']])}\n\n## After\n\n- x\n`;
    const parts = splitTables(md);
    expect(parts.map((p) => (p.html ? 'html' : 'md'))).toEqual(['md', 'html', 'md']);
    expect(parts[0].markdown).toBe('# T\n\nIntro | not a table\n');
    expect(parts[2].markdown).toBe('\n## After\n\n- x\n');
  });
});
