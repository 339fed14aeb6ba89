/**
 * Fast path for the large tables readyspec generates (tens of thousands of control rows):
 * GFM tables are rendered straight to HTML instead of through marked's general table lexer,
 * which takes seconds at fleet scale. Cells only hold what format.ts writes: backslash-escaped
 * text, `code` spans (pipes escaped as \|) and **strong** labels.
 */

const NEEDS_ESCAPE = /[&<>"]/;

export function escapeHtml(s: string): string {
  // Most cells of a fleet's tables (names, outcomes, figures) have nothing to escape.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DELIMITER = /^\|(\s*:?-{3,}:?\s*\|)+\s*$/;

/** Splits a table line into raw cells at pipes that are not backslash-escaped. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      current += c + line[++i];
    } else if (c === '|') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  return out;
}

/** Inline Markdown of one generated cell → HTML. */
export function inlineCell(cell: string): string {
  if (!/[`*\\]/.test(cell)) return escapeHtml(cell);
  let html = '';
  let plain = '';
  const flush = () => {
    if (plain) html += escapeHtml(plain);
    plain = '';
  };
  let i = 0;
  while (i < cell.length) {
    const c = cell[i];
    if (c === '`') {
      let n = 0;
      while (cell[i + n] === '`') n++;
      const end = cell.indexOf('`'.repeat(n), i + n);
      if (end !== -1) {
        let body = cell.slice(i + n, end).replace(/\\\|/g, '|');
        if (body.startsWith(' ') && body.endsWith(' ') && body.trim()) body = body.slice(1, -1);
        flush();
        html += `<code>${escapeHtml(body)}</code>`;
        i = end + n;
        continue;
      }
    }
    if (c === '*' && cell[i + 1] === '*') {
      const end = cell.indexOf('**', i + 2);
      if (end !== -1) {
        flush();
        html += `<strong>${inlineCell(cell.slice(i + 2, end))}</strong>`;
        i = end + 2;
        continue;
      }
    }
    if (c === '\\' && i + 1 < cell.length && /[!-/:-@[-`{-~]/.test(cell[i + 1])) {
      plain += cell[i + 1];
      i += 2;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return html;
}

function renderTable(lines: string[]): string {
  const headCells = cells(lines[0]);
  const head = headCells.map((c) => `<th>${inlineCell(c)}</th>`).join('');
  // A table ending in evidence gets a class, so its last column shows one key: value per line
  // (styled once for the table, not per cell: 50,000 rows stay 50,000 plain rows).
  const open = headCells.at(-1) === 'Evidence' ? '<table class="ev">' : '<table>';
  const body = lines
    .slice(2)
    .map(
      (l) =>
        `<tr>${cells(l)
          .map((c) => `<td>${inlineCell(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `${open}\n<thead>\n<tr>${head}</tr>\n</thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
}

/**
 * Splits a document into Markdown segments and pre-rendered table HTML, in order. A table
 * starts with a `| … |` line followed by a delimiter row, after a blank line.
 */
export function splitTables(markdown: string): { markdown?: string; html?: string }[] {
  const lines = markdown.split('\n');
  const parts: { markdown?: string; html?: string }[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const startsTable =
      lines[i].startsWith('|') &&
      DELIMITER.test(lines[i + 1] ?? '') &&
      (i === 0 || lines[i - 1].trim() === '');
    if (!startsTable) {
      pending.push(lines[i]);
      continue;
    }
    let end = i + 2;
    while (end < lines.length && lines[end].startsWith('|')) end++;
    if (pending.length) parts.push({ markdown: pending.join('\n') });
    pending = [];
    parts.push({ html: renderTable(lines.slice(i, end)) });
    i = end - 1;
  }
  if (pending.length) parts.push({ markdown: pending.join('\n') });
  return parts;
}
