/**
 * Bounds on a parsed policy document. js-yaml shares one object for every alias of an anchor,
 * so an alias bomb (9 anchors of 9 aliases each: 387 million nodes) parses in a millisecond and
 * explodes only when something walks it as a tree: schema validation, the error explainer,
 * the parse cache, JSON for the workers. This walk measures the document as a tree without
 * expanding it (each shared node's size is computed once) and refuses it before any of those.
 */

/** Levels of nesting a policy needs (~10) with room for deep `equals` values. */
export const MAX_DEPTH = 64;
/** Nodes that aliases may add on top of the document as written. */
export const MAX_ALIAS_NODES = 100_000;

interface Frame {
  node: object;
  children: unknown[];
  next: number;
  size: number;
  height: number;
}

/**
 * Why a parsed document is too deep, too large once aliases are expanded, or cyclic; undefined when it is fine.
 * @example yamlBoundsProblem(yaml.load('a: &a [1, 2]\nb: [*a, *a]')) // undefined
 */
export function yamlBoundsProblem(root: unknown): string | undefined {
  if (root === null || typeof root !== 'object') return undefined;
  const done = new Map<object, { size: number; height: number }>();
  const open = new Set<object>();
  // Nodes as written: each collection once, plus one per child slot (an alias is one node).
  let written = 1;
  const stack: Frame[] = [];
  const enter = (node: object) => {
    const children = Array.isArray(node) ? node : Object.values(node);
    written += children.length;
    open.add(node);
    stack.push({ node, children, next: 0, size: 1, height: 1 });
  };
  enter(root);
  while (stack.length) {
    if (stack.length > MAX_DEPTH) return deep();
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (child === null || typeof child !== 'object') {
        top.size++;
        continue;
      }
      const known = done.get(child);
      if (known) {
        if (stack.length + known.height > MAX_DEPTH) return deep();
        top.size += known.size;
        top.height = Math.max(top.height, known.height + 1);
        if (top.size - written > MAX_ALIAS_NODES) return bomb();
        continue;
      }
      if (open.has(child)) return 'a YAML alias refers to a node that contains it (a cycle)';
      enter(child);
      continue;
    }
    stack.pop();
    open.delete(top.node);
    done.set(top.node, { size: top.size, height: top.height });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.size += top.size;
      parent.height = Math.max(parent.height, top.height + 1);
    }
  }
  const total = done.get(root)?.size ?? 0;
  return total - written > MAX_ALIAS_NODES ? bomb() : undefined;
}

function deep(): string {
  return `nested more than ${MAX_DEPTH} levels deep; a policy needs far fewer (the limit is ${MAX_DEPTH})`;
}

function bomb(): string {
  return `YAML aliases expand to more than ${MAX_ALIAS_NODES} extra nodes (an alias bomb?); write the values out or share fewer, smaller anchors`;
}
