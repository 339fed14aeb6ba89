/**
 * Where a JSON path of a policy file is in its YAML text: line and column of the node, so a
 * schema or semantic problem points at `file:line:column` like a syntax error does. Runs only
 * when there are problems (the file is parsed once more, with js-yaml's node events).
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { PolicyProblem } from './errors.ts';

interface Node {
  /** Offset where the node starts. */
  start: number;
  kind?: string;
  children: Node[];
  result?: unknown;
}

/** Fills `line`/`column` of problems that have a file and a JSON path (bounded per file). */
export function locateProblems(
  problems: PolicyProblem[],
  read = (f: string) => readFileSync(f, 'utf8'),
): void {
  const trees = new Map<string, { text: string; root: Node } | null>();
  for (const p of problems) {
    if (p.line || !p.path || p.path === '/') continue;
    let tree = trees.get(p.file);
    if (tree === undefined) {
      tree = parseTree(p.file, read);
      trees.set(p.file, tree);
    }
    if (!tree) continue;
    const at = nodeAt(tree.root, p.path);
    if (at === undefined) continue;
    const { line, column } = lineColumn(tree.text, at);
    p.line = line;
    p.column = column;
  }
}

/** Past this, a file is not parsed a second time: a huge hostile file costs one parse only. */
const MAX_LOCATE_CHARS = 1_000_000;

function parseTree(file: string, read: (f: string) => string): { text: string; root: Node } | null {
  try {
    const text = read(file);
    if (text.length > MAX_LOCATE_CHARS) return null;
    const top: Node = { start: 0, children: [] };
    const stack: Node[] = [top];
    yaml.load(text, {
      schema: yaml.JSON_SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          // Skip the whitespace and comments before the node: its first character is what counts.
          let start = state.position;
          while (start < text.length && /\s/.test(text[start] as string)) start++;
          stack.push({ start, children: [] });
        } else {
          const node = stack.pop() as Node;
          node.kind = state.kind ?? undefined;
          node.result = state.result;
          // A block sequence entry opens twice around its collection: keep one level.
          const only = node.children.length === 1 ? node.children[0] : undefined;
          if (only && only.result === state.result && typeof state.result === 'object')
            node.children = only.children;
          stack.at(-1)?.children.push(node);
        }
      },
    });
    return { text, root: top.children[0] ?? top };
  } catch {
    return null;
  }
}

/** The offset of the node at a JSON pointer; for a missing key, the nearest existing parent. */
function nodeAt(root: Node, pointer: string): number | undefined {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const items = node.children.filter((c) => c.kind !== null);
    let next: Node | undefined;
    if (node.kind === 'sequence') next = items[Number(key)];
    else if (node.kind === 'mapping') {
      // A mapping's children are key, value, key, value… in order.
      for (let i = 0; i + 1 < items.length; i += 2)
        if (String(items[i]?.result) === key) {
          next = items[i + 1];
          // An empty value (`key:`) has no position of its own: point at the key.
          if (next && next.result === null) next = { ...next, start: items[i]!.start };
          break;
        }
      // An unknown field (additionalProperties) names the key itself.
      if (!next)
        for (let i = 0; i < items.length; i += 2) if (String(items[i]?.result) === key) next = items[i];
    }
    if (!next) return node.start;
    node = next;
  }
  return node.start;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
