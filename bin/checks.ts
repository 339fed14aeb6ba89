/**
 * `readyspec checks [NAME]`: every check with its target kind and summary, or one check in full
 * (what it does, target kind, each param with type, default, allowed values and an example),
 * generated from the params schemas in checks/catalog-index.json.
 */
import { catalogIndex } from '../checks/catalog-index.ts';
import { EXIT } from '../reporters/exit-code.ts';
import { parseArgs, UsageError } from './args.ts';
import { describeParam, exampleParams, type Schema } from './param-docs.ts';

export function checksCommand(argv: string[]): number {
  const { positionals } = parseArgs(argv, {}, 1);
  const name = positionals[0];
  if (!name) {
    for (const n of catalogIndex.names()) {
      const p = catalogIndex.get(n)!;
      process.stdout.write(`${n}\t${kindOf(p)}${p.active ? ' (active)' : ''}\t${p.summary}\n`);
    }
    process.stderr.write('readyspec checks NAME describes one check: its params, defaults and an example\n');
    return EXIT.ready;
  }
  const probe = catalogIndex.get(name);
  if (!probe) {
    const hint = catalogIndex.suggest(name);
    throw new UsageError(`unknown check "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  }
  process.stdout.write(`${describeCheck(name, probe)}\n`);
  return EXIT.ready;
}

type Probe = NonNullable<ReturnType<typeof catalogIndex.get>>;

function kindOf(p: Probe): string {
  return p.monitoringKind ? `${p.target} (${p.monitoringKind})` : p.target;
}

/** The full text for one check (pure, tested). */
export function describeCheck(name: string, probe: Probe): string {
  const schema = probe.params as Schema;
  const required = new Set(schema.required ?? []);
  const out = [name, '', `  ${probe.summary}`, '', `  target kind: ${kindOf(probe)}`];
  if (probe.active)
    out.push('  active: changes the target; runs only with `active: true` and READYSPEC_ACTIVE=1');
  if (probe.subjects) out.push('  one result per subject (each thing it checks on the target)');
  const props = Object.entries(schema.properties ?? {});
  out.push('', props.length ? '  params:' : '  params: none');
  for (const [key, prop] of props) out.push(...describeParam(key, prop, required.has(key)));
  for (const rule of anyOfRules(schema)) out.push(`  ${rule}`);
  const example = exampleParams(schema);
  out.push(
    '',
    '  example:',
    '    - id: AREA-TOPIC-001',
    `      title: ${probe.summary.split(/[(;]/)[0]?.trim()}`,
    '      category: availability',
    '      severity: medium',
    `      check: ${name}`,
  );
  if (Object.keys(example).length) out.push(`      params: ${flow(example)}`);
  return out.join('\n');
}

/** `anyOf: [{ required: [a] }, { required: [b] }]`: "at least one of a, b". */
function anyOfRules(schema: Schema): string[] {
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (!branches?.every((b) => b.required?.length)) return [];
  const names = branches.map((b) => b.required!.join(' + '));
  return [`${schema.anyOf ? 'at least one of' : 'exactly one of'}: ${names.join(', ')}`];
}

/** `{ a: 1, b: "x" }`: YAML flow style, as the shipped policies write params. */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (v && typeof v === 'object')
    return `{ ${Object.entries(v)
      .map(([k, x]) => `${k}: ${flow(x)}`)
      .join(', ')} }`;
  return JSON.stringify(v);
}
