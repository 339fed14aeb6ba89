/**
 * The controls written in TypeScript that exist: what the defineControl() calls of every spec
 * file under specs/custom define. The files are bundled by esbuild (vitest replaced by a stub,
 * dynamic imports left out: they are what a check loads when it runs) and imported once with
 * defineControl collecting, so nothing is registered or run. This works alike in the prebuilt
 * global setup, the merge reporter and the command line. The policy loader asks only when a
 * policy names a TypeScript control (`custom:`), and refuses a name this catalog lacks.
 * @example await customControlsIn() // [{ id: 'REL-NODE-001', …, file: 'specs/custom/node-runtime.spec.ts' }]
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import type { CustomControlInfo } from '../../policies/custom.ts';
import { collect } from './custom-collector.ts';

export const CUSTOM_DIR = resolve(import.meta.dirname, '../custom');
const ROOT = resolve(import.meta.dirname, '../..');
/** Inside the project, so the bundles' package imports resolve from its node_modules. */
const OUT = join(ROOT, 'node_modules/.cache/readyspec/custom-catalog');

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

const shown = (file: string) => (relative(ROOT, file).startsWith('..') ? file : relative(ROOT, file));

async function discover(dir: string): Promise<CustomControlInfo[]> {
  const files = specFiles(dir);
  if (files.length === 0) return [];
  const esbuild = await import('esbuild');
  const outdir = join(OUT, `c-${process.pid}-${Date.now().toString(36)}`);
  try {
    await esbuild
      .build({
        absWorkingDir: ROOT,
        entryPoints: files.map((file, i) => ({ in: file, out: `s${i}` })),
        outdir,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        packages: 'external',
        outExtension: { '.js': '.mjs' },
        logLevel: 'silent',
        plugins: [forListing()],
      })
      .catch((err: { errors?: { text: string; location?: { file: string } | null }[] }) => {
        const first = err.errors?.[0];
        const where = first?.location?.file ? `${shown(resolve(ROOT, first.location.file))}: ` : '';
        throw new Error(`${where}could not be read to list its controls: ${first?.text ?? String(err)}`);
      });
    const found: CustomControlInfo[] = [];
    for (const [i, file] of files.entries()) {
      let defined: Awaited<ReturnType<typeof collect>>;
      try {
        defined = await collect(() => import(pathToFileURL(join(outdir, `s${i}.mjs`)).href));
      } catch (err) {
        throw new Error(
          `${shown(file)}: could not be loaded to list its controls: ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      for (const c of defined) found.push({ ...c, file: shown(file) });
    }
    return found;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** vitest's API as no-ops (only defineControl's collecting path runs while listing). */
const VITEST_STUB = `const noop = new Proxy(function () {}, { get: (_, k) => (k === 'then' ? undefined : noop), apply: () => noop });
export const test = noop, it = noop, describe = noop, suite = noop, bench = noop, expect = noop, assert = noop,
  vi = noop, vitest = noop, beforeAll = noop, afterAll = noop, beforeEach = noop, afterEach = noop,
  onTestFailed = noop, onTestFinished = noop, expectTypeOf = noop, assertType = noop, inject = () => undefined;
export default noop;`;

function forListing(): Plugin {
  return {
    name: 'readyspec-custom-catalog',
    setup(b) {
      // What a check imports when it runs is not needed to list controls (nor loaded).
      b.onResolve({ filter: /.*/ }, (a) =>
        a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined,
      );
      b.onResolve({ filter: /^vitest$/ }, () => ({ path: 'vitest', namespace: 'vitest-stub' }));
      b.onLoad({ filter: /.*/, namespace: 'vitest-stub' }, () => ({ contents: VITEST_STUB, loader: 'js' }));
      // import.meta keeps meaning the source file (createRequire, data next to the spec).
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, ({ path }) => {
        if (path.includes('/node_modules/')) return undefined;
        const source = readFileSync(path, 'utf8')
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
          .replaceAll('import.meta.filename', JSON.stringify(path));
        return { contents: source, loader: /\.[cm]?ts$/.test(path) ? 'ts' : 'js', resolveDir: dirname(path) };
      });
    },
  };
}
