/**
 * Writes checks/catalog-index.json: every probe's name, summary, target kind, params schema
 * and area, read from the areas themselves. The audit validates policies and plans runs from
 * this index without importing any probe implementation (nor ssh2, dockerode, undici…).
 * `npm run build:catalog` rewrites it; a test checks it is current.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { areas } from './areas.ts';
import type { ProbeMetadata } from './catalog-index.ts';

export const indexFile = fileURLToPath(new URL('./catalog-index.json', import.meta.url));

export async function buildIndex(): Promise<ProbeMetadata[]> {
  const entries: ProbeMetadata[] = [];
  for (const [area, load] of Object.entries(areas)) {
    for (const p of await load()) {
      entries.push({
        name: p.name,
        area,
        summary: p.summary,
        target: p.target,
        ...(p.monitoringKind ? { monitoringKind: p.monitoringKind } : {}),
        params: p.params,
        ...(p.active ? { active: true } : {}),
        ...(p.deadlineMs ? { deadlineMs: p.deadlineMs } : {}),
      });
    }
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function renderIndex(): Promise<string> {
  return `${JSON.stringify(await buildIndex(), null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(indexFile, await renderIndex());
  process.stdout.write(`wrote ${indexFile}\n`);
}
