/**
 * Loads a policy (a directory of YAML files, or one file), pulls in the packs it extends,
 * validates everything, and returns a typed Policy — or throws one PolicyError listing every
 * problem, before anything touches the network.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogIndex } from '../checks/catalog-index.ts';
import type { ProbeRegistry } from '../checks/registry.ts';
import { checkPolicy } from './check.ts';
import { checkInventoryHeaders } from './check-headers.ts';
import { checkInventory } from './check-inventory.ts';
import { checkOutputs } from './check-outputs.ts';
import { checkInventoryPatterns } from './check-patterns.ts';
import { checkRubric } from './check-rubric.ts';
import { checkWaivers } from './check-waivers.ts';
import { type CustomCatalog, checkCustom } from './custom.ts';
import { PolicyError, type PolicyProblem } from './errors.ts';
import { locateProblems } from './locate.ts';
import { mergeDocuments, type PolicyDocument } from './merge.ts';
import { type IndexMap, type Pruned, pruneInvalid, restorePaths, withholdConsequences } from './prune.ts';
import { readYamlFile } from './read-yaml.ts';
import { resolvePolicySecrets, type SecretMode } from './secret-refs.ts';
import { applySources, sourcesOf } from './sources/apply.ts';
import type { Policy } from './types.ts';
import { validateDocumentShape } from './validate.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const PACKS_DIR = join(here, 'packs');
export const DEFAULT_POLICY = join(here, 'default');

/** The policy this run audits: READYSPEC_POLICY, or the shipped default (the local machine). */
export function policySource(env: NodeJS.ProcessEnv = process.env): string {
  return env.READYSPEC_POLICY ? resolve(env.READYSPEC_POLICY) : DEFAULT_POLICY;
}

export interface LoadOptions {
  registry?: ProbeRegistry;
  /** YYYY-MM-DD used for waiver expiry (default: today, UTC). */
  today?: string;
  /** The TypeScript controls that exist (default: those under specs/custom); read only when the policy names one. */
  customControls?: CustomCatalog;
  /**
   * `required` (default): a `{ env }` / `{ file }` reference that cannot be read is a problem.
   * `optional`: such references are skipped (checking a shipped example's shape; a merge job
   * whose shards, not itself, held the secrets).
   */
  secrets?: SecretMode;
}

const shippedCustomControls: CustomCatalog = async () =>
  (await import('../specs/support/custom-catalog.ts')).customControlsIn();

export async function loadPolicy(source: string, options: LoadOptions = {}): Promise<Policy> {
  const problems: PolicyProblem[] = [];
  const abs = resolve(source);
  if (!existsSync(abs))
    throw new PolicyError([
      {
        file: source,
        message: 'no such file or directory (set READYSPEC_POLICY to a policy directory or YAML file)',
      },
    ]);
  const isDir = statSync(abs).isDirectory();
  const baseDir = isDir ? abs : dirname(abs);
  const display = (f: string) => {
    const rel = relative(process.cwd(), f);
    return rel && !rel.startsWith('..') ? rel : f;
  };

  // Schema problems do not stop the load: the refused entries are left out and the rest is
  // checked too, so every problem is reported in one pass (prune.ts).
  const schema: Schema = { problems: [], pruned: new Set(), indices: new Map() };
  const userDocs = readDocuments(yamlFiles(abs), false, display, problems, schema);
  if (isDir && userDocs.length === 0 && problems.length === 0 && schema.problems.length === 0)
    problems.push({ file: display(abs), message: 'no .yaml or .yml files in this directory' });
  const packDocs = readPacks(userDocs, display, problems, new Set(), schema);
  if (problems.length) throw located([...problems, ...schema.problems]);

  const merged = mergeDocuments([...packDocs, ...userDocs], problems);
  // Inventory sources resolve once the files validated and before any selector is checked,
  // so `targets: { groups: [...] }` is judged against the inventory the engine will see.
  const sources = sourcesOf([...packDocs, ...userDocs], problems);
  const resolvedSources =
    sources.length && !problems.length
      ? await applySources(
          sources,
          merged,
          baseDir,
          Number(process.env.READYSPEC_TIMEOUT_MS) || 10_000,
          problems,
        )
      : [];
  // A source that failed leaves every selector over it empty: say only what failed.
  if (sources.length && problems.length) throw located([...schema.problems, ...problems]);
  const warnings: string[] = [];
  const today = options.today ?? (process.env.READYSPEC_NOW ?? new Date().toISOString()).slice(0, 10);
  const registry = options.registry ?? catalogIndex;
  checkPolicy(merged, registry, today, problems, warnings);
  checkInventoryPatterns(merged, problems);
  checkInventoryHeaders(merged, problems);
  checkInventory(merged, problems);
  checkRubric(merged, problems);
  checkOutputs(merged, problems);
  checkWaivers(merged, registry, problems);
  await checkCustom(
    merged.custom,
    options.customControls ?? shippedCustomControls,
    merged.rubric,
    new Set(merged.controls.map((c) => c.id)),
    problems,
  );
  // Every secret is read and registered for redaction now, before the engine can send one.
  resolvePolicySecrets(
    {
      merged: {
        inventory: merged.inventory,
        rubric: merged.rubric,
        controls: merged.controls,
        waivers: merged.waivers,
      },
      docs: [...userDocs, ...packDocs],
      baseDir,
      name: display(abs),
    },
    options.secrets ?? 'required',
    problems,
    warnings,
  );
  if (schema.problems.length) {
    restorePaths(problems, schema.indices);
    const { kept } = withholdConsequences(problems, schema.pruned);
    throw located([...schema.problems, ...kept]);
  }
  if (problems.length) throw located(problems);

  return {
    name: display(abs),
    baseDir,
    files: [...packDocs, ...userDocs].map((d) => d.file),
    inventory: merged.inventory,
    rubric: merged.rubric,
    controls: merged.controls,
    waivers: merged.waivers,
    custom: merged.custom.map((c) => c.id),
    ...(resolvedSources.length ? { sources: resolvedSources } : {}),
    warnings,
  };
}

/** Schema problems so far, and which parts of the policy lost entries to them. */
interface Schema {
  problems: PolicyProblem[];
  pruned: Pruned;
  /** Per file: where the entries kept after pruning were (prune.ts restorePaths). */
  indices: Map<string, IndexMap>;
}

/** The error, with line and column of each problem's YAML node (read again only now). */
function located(problems: PolicyProblem[]): PolicyError {
  locateProblems(problems);
  return new PolicyError(problems);
}

function yamlFiles(abs: string): string[] {
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(abs, f));
}

function readDocuments(
  files: string[],
  fromPack: boolean,
  display: (f: string) => string,
  problems: PolicyProblem[],
  schema: Schema,
): (PolicyDocument & { extends: string[] })[] {
  const docs: (PolicyDocument & { extends: string[] })[] = [];
  for (const file of files) {
    const shown = display(file);
    const read = readYamlFile(file, shown);
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    if (read.data === null || typeof read.data !== 'object' || Array.isArray(read.data)) {
      problems.push({
        file: shown,
        path: '/',
        message: 'must be a mapping with inventory, rubric, controls, waivers or extends',
      });
      continue;
    }
    let checked = read.data as Record<string, unknown>;
    const shapeProblems = validateDocumentShape(checked, shown);
    if (shapeProblems.length) {
      schema.problems.push(...shapeProblems);
      const indices: IndexMap = new Map();
      schema.indices.set(shown, indices);
      const rest = pruneInvalid(checked, shapeProblems, schema.pruned, indices);
      // What is left must pass the schema on its own, or the file is left out whole.
      if (!rest || validateDocumentShape(rest, shown).length) {
        schema.pruned.add('extends');
        continue;
      }
      checked = rest;
    }
    const data = checked as PolicyDocument['data'] & { extends?: string | string[] };
    const ext = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
    docs.push({ file: shown, fromPack, data, extends: ext });
  }
  return docs;
}

function readPacks(
  docs: { file: string; extends: string[] }[],
  display: (f: string) => string,
  problems: PolicyProblem[],
  seen: Set<string>,
  schema: Schema,
): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  for (const doc of docs) {
    for (const name of doc.extends) {
      if (seen.has(name)) continue;
      seen.add(name);
      const dir = join(PACKS_DIR, name);
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(dir)) {
        const known = existsSync(PACKS_DIR) ? readdirSync(PACKS_DIR).join(', ') : 'none';
        problems.push({
          file: doc.file,
          path: '/extends',
          message: `unknown pack "${name}" (shipped packs: ${known})`,
        });
        continue;
      }
      const packDocs = readDocuments(yamlFiles(dir), true, display, problems, schema);
      out.push(...readPacks(packDocs, display, problems, seen, schema), ...packDocs);
    }
  }
  return out;
}
