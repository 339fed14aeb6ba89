/** Catalogue cases: rubric and waiver mistakes found too late (issue 10, 6): time zones, dates, targets, weights. */
import { type Case, control, FILE_MODE, INVENTORY, one, policy, waiver } from './case.ts';

export const rubricWaiverCases: Case[] = [
  {
    name: 'an invalid time zone',
    files: one(`${policy()}rubric: { timezone: Mars/Olympus }\n`),
    exit: 2,
    head: /\/rubric\/timezone: time zone "Mars\/Olympus" is not known/,
  },
  {
    name: 'an impossible date (2026-02-30)',
    files: one(policy(waiver('expires: "2026-02-30"'))),
    env: { READYSPEC_NOW: '2026-02-01' },
    exit: 2,
    head: /\/waivers\/0\/expires: waiver for SEC-X-001: "2026-02-30" is not a day of the calendar/,
  },
  {
    name: 'a waiver for a target not in the inventory',
    files: one(policy(waiver('target: nothere, expires: "2099-01-01"'))),
    env: { READYSPEC_NOW: '2098-12-01' },
    exit: 2,
    head: /\/waivers\/0\/target: waiver for SEC-X-001: no host named "nothere" in the inventory/,
  },
  {
    name: 'a waiver for a target the control does not run on',
    files: one(
      `${INVENTORY.replace('{ name: local, transport: local }', '{ name: local, transport: local }, { name: other, transport: local }')}controls:\n${control(`${FILE_MODE}, targets: [local]`)}${waiver('target: other, expires: "2099-01-01"')}`,
    ),
    env: { READYSPEC_NOW: '2098-12-01' },
    exit: 2,
    head: /waiver for SEC-X-001: control SEC-X-001 does not run on host "other" \(it runs on local\)/,
  },
  {
    name: 'a report listing an unknown category',
    files: one(`${policy()}rubric: { reports: [{ id: FOO_REPORT, title: Foo, categories: [nosuch] }] }\n`),
    exit: 2,
    head: /report FOO_REPORT: unknown category "nosuch"/,
  },
  {
    name: 'zero category weights',
    files: one(`${policy()}rubric: { categories: { security: { weight: 0 } } }\n`),
    exit: 2,
    head: /\/rubric\/categories: every category with controls has weight 0 \(security\)/,
  },
  {
    name: 'zero severity weights',
    files: one(`${policy()}rubric: { severityWeights: { high: 0 } }\n`),
    exit: 2,
    head: /\/rubric\/severityWeights: every control's severity weighs 0 \(high: 0\)/,
  },
  {
    name: 'two CI outputs naming one file',
    files: one(
      `${policy()}rubric: { outputs: { junit: reports/ci.xml, json: ./reports/../reports/ci.xml } }\n`,
    ),
    exit: 2,
    head: /\/rubric\/outputs\/json: outputs\.json and outputs\.junit name one file \("\.\/reports\/\.\.\/reports\/ci\.xml"\): one would replace the other/,
  },
];
