/** Backup and DR probes: age, retention, size, playbooks, restore drill. */
import { defineProbe } from '../registry.ts';
import { countPlaybooks, type PlaybooksParams } from './playbooks.ts';

export const backupProbes = [
  defineProbe<'document', PlaybooksParams>({
    name: 'dr.playbooks',
    summary: 'At least N DR playbooks under the document directory',
    target: 'document',
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['glob'],
      properties: {
        glob: { type: 'string', description: 'Playbook files under the directory, e.g. dr/**/*.md.' },
        min: { type: 'integer', minimum: 0, description: 'Fewest playbooks acceptable (default 1).' },
      },
    },
    run: (ctx, doc, p) => countPlaybooks(ctx.path(doc.path), p),
  }),
];
