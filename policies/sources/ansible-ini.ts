/**
 * Ansible's INI inventory format: host lines with `key=value` vars, `[group]`,
 * `[group:vars]`, `[group:children]`, host ranges (`web[01:20].example.com`, `db-[a:c]`).
 * Values are kept as Ansible reads them in INI: quoted strings unquoted, numbers as numbers.
 */
import { AnsibleInventory } from './ansible-model.ts';

const MAX_RANGE = 10_000;

/** @example parseAnsibleIni('[web]\nweb1 ansible_host=10.0.0.5 ansible_port=2222\n') */
export function parseAnsibleIni(text: string): AnsibleInventory {
  const inv = new AnsibleInventory();
  inv.group('all');
  let section = { group: 'ungrouped', kind: 'hosts' as 'hosts' | 'vars' | 'children' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = line.match(/^\[([^\]:]+)(?::(vars|children|hosts))?\]$/);
    if (header) {
      section = { group: header[1] as string, kind: (header[2] ?? 'hosts') as 'hosts' | 'vars' | 'children' };
      inv.group(section.group);
      if (section.group !== 'all') inv.group('all').children.add(section.group);
      return;
    }
    const g = inv.group(section.group);
    if (section.kind === 'children') {
      g.children.add(line);
      inv.group(line);
      return;
    }
    const words = splitWords(line, i + 1);
    if (section.kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0)
        throw new Error(`line ${i + 1}: "${line.slice(0, 80)}" in [${section.group}:vars] is not key=value`);
      g.vars[line.slice(0, eq).trim()] = value(line.slice(eq + 1).trim());
      return;
    }
    const [pattern, ...assignments] = words;
    const vars: Record<string, unknown> = {};
    for (const a of assignments) {
      const eq = a.indexOf('=');
      if (eq <= 0) throw new Error(`line ${i + 1}: "${a.slice(0, 80)}" is not key=value`);
      vars[a.slice(0, eq)] = value(a.slice(eq + 1));
    }
    for (const host of expandRange(pattern as string, i + 1)) g.hosts.set(host, vars);
  });
  for (const name of inv.groups.keys()) if (name !== 'all') inv.group('all').children.add(name);
  return inv;
}

/** Splits on whitespace, keeping quoted parts (`a="x y"`) whole. */
function splitWords(line: string, n: number): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const ch of line.replace(/\s+#.*$/, '')) {
    if (quote) {
      cur += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (/\s/.test(ch)) {
      if (cur) words.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quote) throw new Error(`line ${n}: unclosed ${quote}`);
  if (cur) words.push(cur);
  return words;
}

function value(raw: string): unknown {
  const q = raw.match(/^(["'])(.*)\1$/);
  if (q) return q[2];
  if (/^-?\d+$/.test(raw)) return Number(raw);
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return raw;
}

/** `web[01:03].x` → web01.x, web02.x, web03.x (leading zeros kept); `db-[a:c]` → db-a, db-b, db-c. */
export function expandRange(pattern: string, n: number): string[] {
  const m = pattern.match(/^(.*?)\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\](.*)$/i);
  if (!m) return [pattern];
  const [, head, from, to, stepText, tail] = m as unknown as string[];
  const step = Number(stepText ?? 1);
  const out: string[] = [];
  const push = (s: string) => {
    if (out.length >= MAX_RANGE)
      throw new Error(`line ${n}: range ${pattern} has more than ${MAX_RANGE} hosts`);
    for (const rest of expandRange(`${s}${tail}`, n)) out.push(`${head}${rest}`);
  };
  if (/^\d+$/.test(from as string) && /^\d+$/.test(to as string)) {
    const width = (from as string).startsWith('0') ? (from as string).length : 0;
    for (let k = Number(from); k <= Number(to); k += step) push(String(k).padStart(width, '0'));
  } else if ((from as string).length === 1 && (to as string).length === 1) {
    for (let c = (from as string).charCodeAt(0); c <= (to as string).charCodeAt(0); c += step)
      push(String.fromCharCode(c));
  } else throw new Error(`line ${n}: range [${from}:${to}] mixes letters and numbers`);
  return out;
}
