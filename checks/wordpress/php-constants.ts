/**
 * What a wp-config.php (or wp-includes/version.php) sets, read with a maintained PHP parser
 * (php-parser), never executed: `define('NAME', literal)` calls anywhere in the file (inside
 * `if (!defined(…))` too; the first one wins, as in PHP) and `$name = 'literal';` assignments.
 * Comments, strings and heredocs are the parser's business, so a commented-out define never
 * counts. A value that is not a literal (getenv(), a constant, a concatenation) is kept as an
 * expression: the probes call it "cannot judge", never pass or fail.
 */
import { Engine } from 'php-parser';

export type PhpValue =
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'null' }
  | { kind: 'expression'; text: string };

export interface PhpConstants {
  defines: Map<string, PhpValue>;
  variables: Map<string, PhpValue>;
  /** Files the config pulls in (require/include of a literal path), e.g. Debian's /etc/wordpress/config-*.php. */
  includes: string[];
}

interface Node {
  kind: string;
  [key: string]: unknown;
}

const engine = new Engine({
  parser: { php8: true, suppressErrors: false, extractDoc: false },
  ast: { withPositions: false, withSource: false },
});

function literal(n: Node | undefined): PhpValue {
  if (!n) return { kind: 'expression', text: '(missing)' };
  if (n.kind === 'boolean') return { kind: 'bool', value: n.value === true };
  if (n.kind === 'string' || n.kind === 'nowdoc') return { kind: 'string', value: String(n.value) };
  if (n.kind === 'number') return { kind: 'number', value: Number(n.value) };
  if (n.kind === 'nullkeyword') return { kind: 'null' };
  if (n.kind === 'unary' && n.type === '-' && (n.what as Node)?.kind === 'number')
    return { kind: 'number', value: -Number((n.what as Node).value) };
  return { kind: 'expression', text: n.kind };
}

const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && typeof (v as Node).kind === 'string';

/**
 * Parses PHP source; throws an Error with the parser's message when it does not parse.
 * @example readPhpConstants("<?php define('WP_DEBUG', false);").defines.get('WP_DEBUG') // { kind: 'bool', value: false }
 */
export function readPhpConstants(source: string, file = 'wp-config.php'): PhpConstants {
  const program = engine.parseCode(source, file) as unknown as Node;
  const out: PhpConstants = { defines: new Map(), variables: new Map(), includes: [] };
  const stack: unknown[] = [program];
  let visited = 0;
  // Bounded: a hostile file cannot keep the walk going.
  while (stack.length && visited++ < 200_000) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    if (!isNode(v)) continue;
    if (
      v.kind === 'call' &&
      (v.what as Node)?.kind === 'name' &&
      String((v.what as Node).name).toLowerCase() === 'define'
    ) {
      const [name, value] = v.arguments as Node[];
      if (name?.kind === 'string' && !out.defines.has(String(name.value)))
        out.defines.set(String(name.value), literal(value));
    }
    if (v.kind === 'assign' && v.operator === '=' && (v.left as Node)?.kind === 'variable') {
      const name = String((v.left as Node).name);
      if (!out.variables.has(name)) out.variables.set(name, literal(v.right as Node));
    }
    if (v.kind === 'include' && (v.target as Node)?.kind === 'string')
      out.includes.push(String((v.target as Node).value));
    for (const [key, child] of Object.entries(v))
      if (key !== 'kind' && typeof child === 'object') stack.push(child);
  }
  return out;
}

/** PHP truthiness of a literal (what `if (WP_DEBUG)` sees); undefined for an expression. */
export function truthy(v: PhpValue | undefined): boolean | undefined {
  if (!v) return false;
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'string':
      return v.value !== '' && v.value !== '0';
    case 'number':
      return v.value !== 0;
    case 'null':
      return false;
    default:
      return undefined;
  }
}

/** The value as evidence may show it (strings only when the caller says they are not secret). */
export function shown(v: PhpValue | undefined): string {
  if (!v) return 'not defined';
  if (v.kind === 'bool') return String(v.value);
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'null') return 'null';
  if (v.kind === 'string') return JSON.stringify(v.value);
  return `an expression (${v.text})`;
}
