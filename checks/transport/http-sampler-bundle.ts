/**
 * The latency worker's bundle, kept between runs: esbuild bundling it (undici included) took
 * about 0.6 s of every run that has an http.latency control, before the first sample. The
 * bundle is stored with the size and mtime of every file esbuild read and the esbuild version,
 * and rebuilt when any of them changed, so an edited worker or a new undici is picked up.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileStamp, inputsUnchanged } from './file-stamp.ts';

interface Cached {
  esbuild: string;
  /** Absolute input path → "size:mtimeMs". */
  inputs: Record<string, string>;
  text: string;
}

function readCached(path: string, esbuild: string): Cached | undefined {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Cached;
    return c.esbuild === esbuild && inputsUnchanged(c.inputs) ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bundled worker's source, from the cache under `cacheDir` when every input is unchanged.
 * @example const text = await workerBundle('/opt/readyspec/checks/transport/http-sampler-worker.ts', cacheDir)
 */
export async function workerBundle(source: string, cacheDir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const path = join(cacheDir, 'latency-worker.json');
  const cached = readCached(path, esbuild.version);
  if (cached) return cached.text;
  const started: Record<string, string> = {};
  const out = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
  });
  for (const input of Object.keys(out.metafile.inputs)) {
    const file = resolve(input);
    const s = fileStamp(file);
    if (s) started[file] = s;
  }
  const text = out.outputFiles[0].text;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ esbuild: esbuild.version, inputs: started, text } satisfies Cached));
    renameSync(tmp, path);
  } catch {
    // A read-only install still runs: it bundles the worker every run.
  }
  return text;
}
