/** Catalogue cases: controls that vanished (issue 10, 2) — no control, or a category no spec ran. */
import { type Case, FILE_MODE, INVENTORY, one, policy } from './case.ts';

export const vanishedCases: Case[] = [
  { name: 'an empty file', files: one(''), exit: 2, head: /\/controls: the policy has no controls/ },
  {
    name: 'controls: []',
    files: one(`${INVENTORY}controls: []\n`),
    exit: 2,
    head: /\/controls: the policy has no controls/,
  },
  {
    name: 'category constructor, not in the rubric',
    files: one(policy('', FILE_MODE, 'constructor')),
    exit: 2,
    head: /\/controls\/0\/category: control SEC-X-001: unknown category "constructor"/,
  },
  {
    name: 'a rubric category named __proto__',
    files: one(`${policy()}rubric: { categories: { __proto__: { weight: 5 } } }\n`),
    exit: 2,
    head: /\/rubric\/categories: must match \^\[a-z\]\[a-z0-9-\]\*\$ \(got \{"__proto__"/,
  },
  {
    name: 'category constructor, declared in the rubric (graded)',
    files: one(
      `${policy('', FILE_MODE, 'constructor')}rubric: { categories: { constructor: { weight: 5 } } }\n`,
    ),
    exit: 0,
    head: /valid[\s\S]*constructor: 1/,
  },
  {
    name: 'a category the user added (graded)',
    files: one(`${policy('', FILE_MODE, 'capacity')}rubric: { categories: { capacity: { weight: 5 } } }\n`),
    exit: 0,
    head: /valid[\s\S]*capacity: 1/,
  },
];
