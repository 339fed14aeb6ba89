/**
 * Merges the documents of a policy (packs first, then the user's files) into one. Controls
 * from packs may be overridden field by field by a control with the same id in the user's
 * files, or dropped with `enabled: false`.
 */
import { defaultRubric } from './default-rubric.ts';
import type { PolicyProblem } from './errors.ts';
import {
  type Control,
  emptyInventory,
  type Inventory,
  type Rubric,
  SECTION_OF_KIND,
  type Waiver,
} from './types.ts';

export interface Origin {
  file: string;
  path: string;
}

export interface PolicyDocument {
  file: string;
  /** From a shipped pack (may be overridden) or from the user's policy. */
  fromPack: boolean;
  data: {
    inventory?: Partial<Inventory>;
    rubric?: Partial<Rubric>;
    controls?: Partial<Control>[];
    waivers?: Waiver[];
    custom?: string[];
  };
}

export interface Merged {
  inventory: Inventory;
  rubric: Rubric;
  controls: Control[];
  waivers: Waiver[];
  /** Named TypeScript controls, each once, with where it was first named. */
  custom: { id: string; origin: Origin }[];
  origins: Map<object, Origin>;
}

const SECTIONS = Object.values(SECTION_OF_KIND);

export function mergeDocuments(docs: PolicyDocument[], problems: PolicyProblem[]): Merged {
  const inventory = emptyInventory();
  const origins = new Map<object, Origin>();
  let rubric: Rubric = structuredClone(defaultRubric);
  const controls = new Map<string, { control: Partial<Control>; fromPack: boolean; origin: Origin }>();
  const waivers: Waiver[] = [];
  const custom = new Map<string, Origin>();

  for (const doc of docs) {
    const { inventory: inv, rubric: rub, controls: ctl, waivers: wv } = doc.data;
    for (const section of SECTIONS) {
      const seen = new Set(inventory[section].map((e) => e.name));
      (inv?.[section] ?? []).forEach((entry, i) => {
        const path = `/inventory/${section}/${i}`;
        if (seen.has(entry.name)) {
          problems.push({ file: doc.file, path, message: `duplicate ${section} name "${entry.name}"` });
          return;
        }
        seen.add(entry.name);
        origins.set(entry, { file: doc.file, path });
        (inventory[section] as unknown[]).push(entry);
      });
    }
    if (rub) rubric = mergeRubric(rubric, rub);
    // Where each report was defined, for messages about its file name (document-names.ts).
    (rub?.reports ?? []).forEach((report, i) => {
      origins.set(report, { file: doc.file, path: `/rubric/reports/${i}` });
    });
    (ctl ?? []).forEach((control, i) => {
      const origin = { file: doc.file, path: `/controls/${i}` };
      const id = control.id as string;
      const earlier = controls.get(id);
      if (earlier && (doc.fromPack || !earlier.fromPack)) {
        problems.push({
          ...origin,
          message: `duplicate control id ${id} (first defined in ${earlier.origin.file} ${earlier.origin.path})`,
        });
        return;
      }
      // A full definition (with `check`) replaces the pack's control; a partial one patches it.
      const merged =
        earlier && !control.check
          ? { ...earlier.control, ...control, params: { ...earlier.control.params, ...control.params } }
          : control;
      controls.set(id, {
        control: merged,
        fromPack: doc.fromPack,
        origin: earlier && !control.check ? earlier.origin : origin,
      });
    });
    (wv ?? []).forEach((waiver, i) => {
      origins.set(waiver, { file: doc.file, path: `/waivers/${i}` });
      waivers.push(waiver);
    });
    // A pack or a file naming a TypeScript control adds it; naming it twice is harmless.
    (doc.data.custom ?? []).forEach((id, i) => {
      if (!custom.has(id)) custom.set(id, { file: doc.file, path: `/custom/${i}` });
    });
  }

  const complete: Control[] = [];
  for (const { control, origin } of controls.values()) {
    if (control.enabled === false) continue;
    const missing = (['title', 'category', 'severity', 'check'] as const).filter(
      (k) => control[k] === undefined,
    );
    if (missing.length) {
      problems.push({
        ...origin,
        message: `control ${control.id} is missing ${missing.map((m) => `"${m}"`).join(', ')}`,
      });
      continue;
    }
    origins.set(control, origin);
    complete.push(control as Control);
  }
  return {
    inventory,
    rubric,
    controls: complete,
    waivers,
    custom: [...custom].map(([id, origin]) => ({ id, origin })),
    origins,
  };
}

function mergeRubric(base: Rubric, over: Partial<Rubric>): Rubric {
  return {
    ...base,
    ...over,
    severityWeights: { ...base.severityWeights, ...over.severityWeights },
    categories: { ...base.categories, ...over.categories },
    caps: { ...base.caps, ...over.caps },
    coverage: { ...base.coverage, ...over.coverage },
    decision: { ...base.decision, ...over.decision },
    waivers: { ...base.waivers, ...over.waivers },
  };
}
