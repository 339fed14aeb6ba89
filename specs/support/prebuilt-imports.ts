/**
 * A vite plugin for the audit project: a spec file's import of a prebuilt support module
 * (define-category, custom-control) resolves to its prebuilt file, which vitest leaves to
 * Node's own loader in the worker (see prebuilt.ts).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Plugin } from 'vitest/config';

export function prebuiltImports(modules: Record<string, string>): Plugin {
  return {
    name: 'readyspec-prebuilt-imports',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !(source.startsWith('.') || isAbsolute(source))) return null;
      return modules[resolve(dirname(importer), source)] ?? null;
    },
  };
}
