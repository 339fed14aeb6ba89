/**
 * The probe registry the audit uses: metadata from catalog-index.json (generated from the
 * areas), with each probe's implementation loaded on its first run. Validating a policy, or
 * auditing one host's file modes, never loads the Docker, GitHub or HTTP stacks.
 */
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { MonitoringKind, TargetKind } from '../policies/types.ts';
import { usePrecompiled } from '../policies/validate.ts';
import { areas } from './areas.ts';
import { paramsChecks } from './params-checks.ts';
import validators from './params-validators.js';
import { type AnyProbe, type JsonSchema, ProbeRegistry } from './registry.ts';

export interface ProbeMetadata {
  name: string;
  area: string;
  summary: string;
  target: TargetKind;
  monitoringKind?: MonitoringKind;
  params: JsonSchema;
  active?: boolean;
  subjects?: boolean;
  deadlineMs?: number;
}

const loaded = new Map<string, Promise<Map<string, AnyProbe>>>();

function implementation(meta: ProbeMetadata): Promise<AnyProbe> {
  let area = loaded.get(meta.area);
  if (!area) {
    const load = areas[meta.area];
    if (!load)
      throw new Error(`catalog-index.json names area "${meta.area}", which checks/areas.ts does not have`);
    area = load().then((list) => new Map(list.map((p) => [p.name, p])));
    loaded.set(meta.area, area);
  }
  return area.then((probes) => {
    const probe = probes.get(meta.name);
    if (!probe)
      throw new Error(
        `probe ${meta.name} is in catalog-index.json but not in area ${meta.area}: run npm run build:catalog`,
      );
    return probe;
  });
}

function lazyProbe(meta: ProbeMetadata): AnyProbe {
  const { area: _area, ...definition } = meta;
  const validateParams = paramsChecks[meta.name];
  return {
    ...definition,
    ...(validateParams ? { validateParams } : {}),
    run: async (ctx, target, params) => (await implementation(meta)).run(ctx, target, params),
  };
}

const require = createRequire(import.meta.url);
const metadata: ProbeMetadata[] = require('./catalog-index.json');

// Params schemas compiled ahead of time (npm run build:catalog); a missing one compiles on first use.
for (const meta of metadata) {
  const validate = validators[meta.name];
  if (validate) usePrecompiled(meta.params, validate as unknown as ValidateFunction);
}

export const catalogIndex = new ProbeRegistry(metadata.map(lazyProbe));
