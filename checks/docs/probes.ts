/** Document probes: claims against measured facts, freshness, sections, links, tested runbooks. */
import type { DocumentEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { type ClaimParams, documentClaim, documentClaimEach } from './claim.ts';
import { type DatedParams, datedWithin, TESTED_PATTERN, UPDATED_PATTERN } from './dated.ts';
import { factTargets, measureFact, measureTarget } from './facts.ts';
import { type LinksParams, localLinks } from './links.ts';
import { docsParamsChecks } from './params-checks.ts';
import { requiredSections, type SectionsParams } from './sections.ts';

const cellSelector = {
  type: 'object',
  additionalProperties: false,
  required: ['column'],
  properties: {
    column: { type: ['string', 'integer'], description: 'Header text, or 1-based column number.' },
    row: {
      type: ['string', 'integer'],
      description: "Text of the row's first cell, or 1-based data row number (absent for an each fact).",
    },
  },
};

const names = { type: 'array', items: { type: 'string', minLength: 1 } };
const selector = {
  description: "'all', a list of names, or { names, groups, exclude } over the check's kind of target.",
  oneOf: [
    { const: 'all' },
    { ...names, minItems: 1 },
    {
      type: 'object',
      additionalProperties: false,
      properties: { names, groups: names, exclude: names },
    },
  ],
};
const measurement = {
  check: { type: 'string', description: 'Probe that measures the fact, e.g. docker.containers.' },
  params: { type: 'object', description: "That probe's params." },
  field: { type: 'string', description: 'A numeric field the check declares, e.g. total, running.' },
};

const factSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['check', 'target'],
      properties: {
        ...measurement,
        target: { type: 'string', description: 'Inventory name of the one target it measures.' },
        value: { enum: ['count'], description: 'Former spelling of field: count.' },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['check', 'over', 'field', 'aggregate'],
      properties: {
        ...measurement,
        over: { ...selector, description: `Targets summed or counted. ${selector.description}` },
        aggregate: {
          enum: ['sum', 'count'],
          description: 'sum of the field, or count of targets whose field is above zero.',
        },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['check', 'each', 'field'],
      properties: {
        ...measurement,
        each: { ...selector, description: `Each target's own figure. ${selector.description}` },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['history'],
      properties: {
        history: { enum: ['score', 'letter'], description: "The last run's grade from history.jsonl." },
      },
    },
  ],
};

const datedSchema = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['maxAgeDays'],
  properties: {
    maxAgeDays: { type: 'number', minimum: 0, description: `Oldest acceptable ${what} date, in days.` },
    pattern: {
      type: 'string',
      description: 'Case-insensitive regular expression; group 1 is a YYYY-MM-DD date.',
    },
    glob: { type: 'string', description: 'For a directory target: which files (default **/*.md).' },
  },
});

/** A claim: one figure, or (an each fact) one figure per selected target. */
function runClaim(ctx: ProbeContext, doc: DocumentEntry, p: ClaimParams): Promise<ProbeResult> {
  const file = ctx.path(doc.path);
  const fact = p.fact;
  if ('each' in fact) {
    const targets = factTargets(ctx, fact.check, fact.each);
    return documentClaimEach(file, p, targets, (t) => measureTarget(ctx, fact, t));
  }
  return documentClaim(file, p, () => measureFact(ctx, fact));
}

export const docsProbes = [
  defineProbe<'document', ClaimParams>({
    name: 'docs.claim',
    summary: 'A figure the document claims equals the one measured in this run',
    target: 'document',
    // An each fact gives one verdict per target the document describes.
    subjects: true,
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['fact'],
      properties: {
        pattern: {
          type: 'string',
          description:
            'Case-insensitive regular expression; group 1 is the claimed value. For an each fact, {target} stands for the target name.',
        },
        heading: { type: 'string', description: 'Look only in the section under this heading.' },
        cell: { ...cellSelector, description: 'A cell of the first table under heading.' },
        fact: factSchema,
        tolerance: { type: 'number', minimum: 0, description: 'Allowed numeric difference (default 0).' },
      },
    },
    run: runClaim,
  }),
  defineProbe<'document', DatedParams>({
    name: 'docs.updated',
    summary: 'The document carries a "last updated" date within N days',
    target: 'document',
    params: datedSchema('"last updated"'),
    validateParams: docsParamsChecks['docs.updated'],
    run: (ctx, doc, p) =>
      datedWithin(ctx.path(doc.path), p, UPDATED_PATTERN, ctx.options.now, 'last updated'),
  }),
  defineProbe<'document', SectionsParams>({
    name: 'docs.sections',
    summary: 'The document has every required section',
    target: 'document',
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['required'],
      properties: {
        required: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'Heading texts.' },
      },
    },
    run: (ctx, doc, p) => requiredSections(ctx.path(doc.path), p),
  }),
  defineProbe<'document', LinksParams>({
    name: 'docs.links',
    summary: 'Relative links and #anchors in the document resolve',
    target: 'document',
    params: {
      type: 'object',
      additionalProperties: false,
      properties: {
        glob: { type: 'string', description: 'For a directory target: which files (default **/*.md).' },
      },
    },
    validateParams: docsParamsChecks['docs.links'],
    run: (ctx, doc, p) => localLinks(ctx.path(doc.path), p ?? {}),
  }),
  defineProbe<'document', DatedParams>({
    name: 'docs.runbook-tested',
    summary: 'Runbooks carry a "tested" date within N days',
    target: 'document',
    params: datedSchema('"tested"'),
    validateParams: docsParamsChecks['docs.runbook-tested'],
    run: (ctx, doc, p) => datedWithin(ctx.path(doc.path), p, TESTED_PATTERN, ctx.options.now, 'tested'),
  }),
];
