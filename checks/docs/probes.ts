/** Document probes: claims against measured facts, freshness, sections, links, tested runbooks. */
import type { ProbeContext } from '../context.ts';
import { defineProbe } from '../registry.ts';
import { type ClaimParams, documentClaim, type FactRef, factValue, type Measured } from './claim.ts';
import { type DatedParams, datedWithin, TESTED_PATTERN, UPDATED_PATTERN } from './dated.ts';
import { lastGrade } from './history.ts';
import { type LinksParams, localLinks } from './links.ts';
import { requiredSections, type SectionsParams } from './sections.ts';

const cellSelector = {
  type: 'object',
  additionalProperties: false,
  required: ['column', 'row'],
  properties: {
    column: { type: ['string', 'integer'], description: 'Header text, or 1-based column number.' },
    row: {
      type: ['string', 'integer'],
      description: "Text of the row's first cell, or 1-based data row number.",
    },
  },
};

const factSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['check', 'target'],
      properties: {
        check: { type: 'string', description: 'Probe that measures the fact, e.g. docker.containers.' },
        target: { type: 'string', description: 'Inventory name of the target it measures.' },
        params: { type: 'object', description: "That probe's params." },
        value: {
          type: 'string',
          pattern: '^(count|/.*)$',
          description: "'count' (default) or a JSON pointer into the fact's evidence.observed.",
        },
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

async function measure(ctx: ProbeContext, fact: FactRef): Promise<Measured> {
  if ('history' in fact) return lastGrade(ctx.options.reportsDir, fact.history);
  const source = `${fact.check} on ${fact.target}`;
  const result = await ctx.fact(fact.check, fact.target, fact.params);
  if (result.outcome === 'error' || result.outcome === 'not-applicable') {
    return { error: `${source}: ${result.outcome}: ${result.message}`, source };
  }
  const value = factValue(result.evidence.observed, fact.value);
  if (value === undefined) return { error: `${source}: no ${fact.value ?? 'count'} in its evidence`, source };
  return { value, source };
}

export const docsProbes = [
  defineProbe<'document', ClaimParams>({
    name: 'docs.claim',
    summary: 'A figure the document claims equals the one measured in this run',
    target: 'document',
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['fact'],
      properties: {
        pattern: {
          type: 'string',
          description: 'Case-insensitive regular expression; group 1 is the claimed value.',
        },
        heading: { type: 'string', description: 'Look only in the section under this heading.' },
        cell: { ...cellSelector, description: 'A cell of the first table under heading.' },
        fact: factSchema,
        tolerance: { type: 'number', minimum: 0, description: 'Allowed numeric difference (default 0).' },
      },
    },
    run: (ctx, doc, p) => documentClaim(ctx.path(doc.path), p, () => measure(ctx, p.fact)),
  }),
  defineProbe<'document', DatedParams>({
    name: 'docs.updated',
    summary: 'The document carries a "last updated" date within N days',
    target: 'document',
    params: datedSchema('"last updated"'),
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
    run: (ctx, doc, p) => localLinks(ctx.path(doc.path), p ?? {}),
  }),
  defineProbe<'document', DatedParams>({
    name: 'docs.runbook-tested',
    summary: 'Runbooks carry a "tested" date within N days',
    target: 'document',
    params: datedSchema('"tested"'),
    run: (ctx, doc, p) => datedWithin(ctx.path(doc.path), p, TESTED_PATTERN, ctx.options.now, 'tested'),
  }),
];
