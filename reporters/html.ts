/**
 * A self-contained HTML rendering of a Markdown document: inline CSS, no scripts, no external
 * assets, readable offline. Raw HTML in the Markdown (it can come from a target's answers) is
 * shown as text, and only http(s), mailto and relative links stay clickable.
 */
import { Marked } from 'marked';
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

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:1200px;margin:2rem auto;padding:0 1rem}
h1{border-bottom:2px solid #d0d7de;padding-bottom:.3rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:1rem 0;font-size:13px;display:block;overflow-x:auto}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
tr:nth-child(even) td{background:#fbfcfd}code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px;word-break:break-all}
ul{padding-left:1.4rem}li{margin:.15rem 0}input[type=checkbox]{margin-right:.4rem}
@media print{body{max-width:none;margin:0}table{display:table}}
`.trim();

/** The HTML page for one Markdown document. */
export function renderHtml(markdownText: string, title: string): string {
  const body = splitTables(markdownText)
    .map((part) => part.html ?? (markdown.parse(part.markdown ?? '', { async: false }) as string))
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}</body>
</html>
`;
}
