/**
 * The audit's own code as one prebuilt ES module graph under node_modules/.cache/readyspec,
 * which Node loads natively: in the main process the global setup, probe engine, transports
 * and grade reporter; in the worker the test runner and what spec files import (define-category,
 * custom-control).
 * Loaded through vite instead, ~180 TypeScript modules are transformed on every `npm test`
 * (about 250 ms and 80 MB before the first probe runs), and the worker waits for each of its
 * modules on the main process, which is busy probing.
 *
 * The build is checked against its inputs (size and mtime of every source file esbuild read)
 * on each start and rebuilt when one changed, so an edited probe is simply picked up. Builds
 * go to a fresh folder and are published by an atomic manifest rename: concurrent runs never
 * read a half-written build. READYSPEC_SOURCE=1 loads the TypeScript sources through vite.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { fileStamp, inputsUnchanged } from '../../checks/transport/file-stamp.ts';

export interface AuditEntries {
  globalSetup: string;
  reporter: string;
  /** vitest's `runner` for the audit project. */
  runner: string;
  /** Source module (absolute path) → its prebuilt file, for imports from spec files. */
  workerModules: Record<string, string>;
}

interface Manifest {
  version: 1;
  esbuild: string;
  dir: string;
  /** Input path (relative to the root) → "size:mtimeMs". */
  inputs: Record<string, string>;
}

/** Source → output name (without .mjs). */
const ENTRIES: Record<string, string> = {
  'specs/support/global-setup.ts': 'global-setup',
  'reporters/grade-reporter.ts': 'grade-reporter',
  'specs/support/define-category.ts': 'define-category',
  'specs/support/custom-control.ts': 'custom-control',
  'specs/support/audit-runner.ts': 'audit-runner',
};
const WORKER_MODULES = ['specs/support/define-category.ts', 'specs/support/custom-control.ts'];
/** A superseded build is removed once no run can still be loading chunks from it. */
const KEEP_OLD_MS = 60 * 60 * 1000;

const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The files vitest should load for the audit's global setup, reporter and runner. */
export async function auditEntries(
  root = defaultRoot,
  cacheDir = join(root, 'node_modules/.cache/readyspec'),
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditEntries> {
  if (env.READYSPEC_SOURCE === '1') return entriesIn(root, (source) => join(root, source));
  const current = readManifest(cacheDir);
  const manifest = current && isFresh(current, root, cacheDir) ? current : await build(root, cacheDir);
  return entriesIn(root, (source) => join(cacheDir, manifest.dir, `${ENTRIES[source]}.mjs`));
}

function entriesIn(root: string, file: (source: string) => string): AuditEntries {
  return {
    globalSetup: file('specs/support/global-setup.ts'),
    reporter: file('reporters/grade-reporter.ts'),
    runner: file('specs/support/audit-runner.ts'),
    workerModules: Object.fromEntries(WORKER_MODULES.map((m) => [join(root, m), file(m)])),
  };
}

function readManifest(cacheDir: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(cacheDir, 'manifest.json'), 'utf8')) as Manifest;
    return m.version === 1 ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Same esbuild, every input unchanged, and the build's entry files still there. */
export function isFresh(manifest: Manifest, root: string, cacheDir: string): boolean {
  if (manifest.esbuild !== esbuildVersion(root)) return false;
  for (const name of Object.values(ENTRIES))
    if (!fileStamp(join(cacheDir, manifest.dir, `${name}.mjs`))) return false;
  return inputsUnchanged(manifest.inputs, (input) => join(root, input));
}

function esbuildVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8'));
  return String(pkg.version);
}

async function build(root: string, cacheDir: string): Promise<Manifest> {
  const esbuild = await import('esbuild');
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  const outdir = join(cacheDir, dir);
  mkdirSync(outdir, { recursive: true });
  const inputs: Record<string, string> = {};
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.entries(ENTRIES).map(([source, out]) => ({ in: source, out })),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'silent',
    plugins: [loadSources(root, inputs)],
  });
  // Anything esbuild read on its own (none today) is stamped now rather than left unchecked.
  for (const input of Object.keys(result.metafile.inputs)) {
    const stamped = inputs[input] ?? fileStamp(join(root, input));
    if (stamped) inputs[input] = stamped;
  }
  const manifest: Manifest = { version: 1, esbuild: esbuild.version, dir, inputs };
  const tmp = join(cacheDir, `manifest.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(tmp, JSON.stringify(manifest));
  renameSync(tmp, join(cacheDir, 'manifest.json'));
  removeOldBuilds(cacheDir, dir);
  return manifest;
}

/**
 * Reads every source file for esbuild, stamping it just before the read (a file edited during
 * the build then looks changed to the next run), and keeps import.meta.url/dirname/filename
 * meaning the source file, not the bundle chunk: modules find their packs, the default policy
 * and generated indexes next to their source.
 */
function loadSources(root: string, inputs: Record<string, string>): Plugin {
  return {
    name: 'readyspec-load-sources',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, ({ path }) => {
        if (path.includes('/node_modules/')) return undefined;
        const stamped = fileStamp(path);
        if (stamped) inputs[relative(root, path)] = stamped;
        const source = readFileSync(path, 'utf8');
        const contents = source.includes('import.meta.')
          ? source
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
              .replaceAll('import.meta.filename', JSON.stringify(path))
          : source;
        return { contents, loader: path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(path) };
      });
    },
  };
}

function removeOldBuilds(cacheDir: string, keep: string): void {
  for (const entry of readdirSync(cacheDir)) {
    if (!entry.startsWith('b-') || entry === keep) continue;
    const path = join(cacheDir, entry);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}
