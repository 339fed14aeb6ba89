/**
 * Markdown documents as self-contained HTML: inline CSS (html-style.ts), no scripts, no
 * external assets, readable offline. Raw HTML in the Markdown (it can come from a target's
 * answers) is shown as text, and only http(s), mailto and relative links stay clickable.
 */
import { Marked } from 'marked';
import { CSS } from './html-style.ts';
import { escapeHtml, splitTables } from './html-table.ts';

const SAFE_HREF = /^(https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i;

const markdown = new Marked({
  gfm: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, tokens }) {
      const label = this.parser.parseInline(tokens);
      return SAFE_HREF.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

const BADGE: Record<string, string> = {
  PASS: 'o-pass">✓ PASS',
  FAIL: 'o-fail">✗ FAIL',
  ERROR: 'o-error">? ERROR',
  WAIVED: 'o-waived">~ WAIVED',
  'N/A': 'o-na">– N/A',
};

/**
 * Outcome labels (`**FAIL**` in the Markdown) become badges with a symbol, and long code spans
 * may wrap (short ones, ids, never do). One linear pass over the page each.
 */
function decorate(html: string): string {
  return html
    .replace(
      /<strong>(PASS|FAIL|ERROR|WAIVED|N\/A)<\/strong>/g,
      (_m, o: string) => `<strong class="o ${BADGE[o]}</strong>`,
    )
    .replace(/<code>(?=[^<]{49})/g, '<code class="long">');
}

/** The HTML of a Markdown fragment (tables through the fast path). */
export function renderBody(markdownText: string): string {
  return decorate(
    splitTables(markdownText)
      .map((part) => part.html ?? (markdown.parse(part.markdown ?? '', { async: false }) as string))
      .join(''),
  );
}

/**
 * The page around a body. `runningHead` (printed at the top of every page) sits in the head
 * of a frame table: browsers repeat a table's thead on each printed page without covering the
 * content, which a fixed element would.
 */
export function htmlPage(title: string, body: string, runningHead?: string): string {
  const head = runningHead
    ? `<thead><tr><td><div class="runhead">${runningHead}</div></td></tr></thead>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<table class="frame">${head}<tbody><tr><td><main>
${body}</main></td></tr></tbody></table>
</body>
</html>
`;
}

/** The HTML page for one Markdown document, without a verdict banner (html-page.ts adds it). */
export function renderHtml(markdownText: string, title: string): string {
  return htmlPage(title, renderBody(markdownText));
}
