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
import { checkInventoryPatterns } from './check-patterns.ts';
import { type CustomCatalog, checkCustom } from './custom.ts';
import { PolicyError, type PolicyProblem } from './errors.ts';
import { mergeDocuments, type PolicyDocument } from './merge.ts';
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

  const userDocs = readDocuments(yamlFiles(abs), false, display, problems);
  if (isDir && userDocs.length === 0 && problems.length === 0)
    problems.push({ file: display(abs), message: 'no .yaml or .yml files in this directory' });
  const packDocs = readPacks(userDocs, display, problems, new Set());
  if (problems.length) throw new PolicyError(problems);

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
  if (sources.length && problems.length) throw new PolicyError(problems);
  const warnings: string[] = [];
  const today = options.today ?? (process.env.READYSPEC_NOW ?? new Date().toISOString()).slice(0, 10);
  checkPolicy(merged, options.registry ?? catalogIndex, today, problems, warnings);
  checkInventoryPatterns(merged, problems);
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
  if (problems.length) throw new PolicyError(problems);

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
    const shapeProblems = validateDocumentShape(read.data, shown);
    if (shapeProblems.length) {
      problems.push(...shapeProblems);
      continue;
    }
    const data = read.data as PolicyDocument['data'] & { extends?: string | string[] };
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
      const packDocs = readDocuments(yamlFiles(dir), true, display, problems);
      out.push(...readPacks(packDocs, display, problems, seen), ...packDocs);
    }
  }
  return out;
}
