/**
 * The controls written in TypeScript that exist: what the defineControl() calls of every spec
 * file under specs/custom define. Each file is imported once (through tsx, so it works in the
 * prebuilt global setup, the merge reporter and the command line alike) with defineControl
 * collecting, so nothing is registered or run. The policy loader asks only when a policy names
 * a TypeScript control (`custom:`), and refuses a name this catalog does not hold.
 * @example await customControlsIn() // [{ id: 'REL-NODE-001', …, file: 'specs/custom/node-runtime.spec.ts' }]
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CustomControlInfo } from '../../policies/custom.ts';
import { collect } from './custom-collector.ts';

export const CUSTOM_DIR = resolve(import.meta.dirname, '../custom');
const ROOT = resolve(import.meta.dirname, '../..');

const catalogs = new Map<string, Promise<CustomControlInfo[]>>();

/** Every control defined under `dir` (memoised per directory for the process). */
export function customControlsIn(dir = CUSTOM_DIR): Promise<CustomControlInfo[]> {
  let catalog = catalogs.get(dir);
  if (!catalog) {
    catalog = discover(dir);
    catalogs.set(dir, catalog);
  }
  return catalog;
}

function specFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.spec\.[cm]?[jt]s$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

async function discover(dir: string): Promise<CustomControlInfo[]> {
  const files = specFiles(dir);
  if (files.length === 0) return [];
  const { register } = await import('tsx/esm/api');
  // A namespace of its own: the loader applies to these imports only, and is removed after.
  const tsx = register({ namespace: `readyspec-custom-${process.pid}-${Date.now()}` });
  const found: CustomControlInfo[] = [];
  try {
    for (const file of files) {
      const shown = relative(ROOT, file).startsWith('..') ? file : relative(ROOT, file);
      let defined: Awaited<ReturnType<typeof collect>>;
      try {
        defined = await collect(() => tsx.import(pathToFileURL(file).href, import.meta.url));
      } catch (err) {
        throw new Error(`${shown}: could not be loaded to list its controls: ${(err as Error).message}`, {
          cause: err,
        });
      }
      for (const c of defined) found.push({ ...c, file: shown });
    }
  } finally {
    await tsx.unregister();
  }
  return found;
}
