/** Catalogue cases: bad READYSPEC_* variables, and the same refusals through bin/readyspec.mjs (issue 10, 4 and 6). */
import { type Case, INVENTORY, one, policy, waiver } from './case.ts';

const env = (vars: Record<string, string>, head: RegExp): Case => ({
  name: `environment ${Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`,
  files: one(policy()),
  env: vars,
  exit: 2,
  head,
});

export const environmentCases: Case[] = [
  // Bad READYSPEC_* variables, each naming what it may be.
  env(
    { READYSPEC_TIMEOUT_MS: 'abc' },
    /READYSPEC_TIMEOUT_MS="abc": must be a whole number of milliseconds from 1 to 3600000/,
  ),
  env(
    { READYSPEC_CONCURRENCY: '0' },
    /READYSPEC_CONCURRENCY="0": must be a whole number of checks in flight from 1 to 100000/,
  ),
  env({ READYSPEC_ACTIVE: 'yes' }, /READYSPEC_ACTIVE="yes": must be 1 or true \(on\), 0 or false \(off\)/),
  env({ READYSPEC_NOW: '2026-02-30' }, /READYSPEC_NOW="2026-02-30": must be an ISO date or timestamp/),
  env(
    { READYSPEC_RUN_DEADLINE: '5 years' },
    /READYSPEC_RUN_DEADLINE="5 years": must be a duration from 1s to 7 days/,
  ),
  env(
    { READYSPEC_REPORTS: '/etc/passwd' },
    /READYSPEC_REPORTS="\/etc\/passwd": exists and is not a directory/,
  ),
  // Through the command line: the same refusals, exit 2, plain, before any check or document.
  {
    name: 'bin validate: a bad variable and a bad policy',
    files: one(policy(waiver('expires: "2026-02-30"'))),
    env: { READYSPEC_TIMEOUT_MS: '-5' },
    via: 'validate',
    exit: 2,
    head: /^readyspec: cannot run with this environment:\n {2}READYSPEC_TIMEOUT_MS="-5".*\nreadyspec: the policy is not valid \(1 problem\).*\n.*"2026-02-30" is not a day of the calendar/,
  },
  {
    name: 'bin run: an invalid time zone',
    files: one(`${policy()}rubric: { timezone: Not/AZone }\n`),
    via: 'run',
    exit: 2,
    head: /the policy is not valid \(1 problem\); nothing was checked and no report was written:\n.*\/rubric\/timezone: time zone "Not\/AZone" is not known/,
  },
  {
    name: 'bin run: no controls',
    files: one(`${INVENTORY}controls: []\n`),
    via: 'run',
    exit: 2,
    head: /\/controls: the policy has no controls/,
  },
  {
    name: 'bin run: a bad READYSPEC_CONCURRENCY',
    files: one(policy()),
    env: { READYSPEC_CONCURRENCY: 'many' },
    via: 'run',
    exit: 2,
    head: /READYSPEC_CONCURRENCY="many": must be a whole number/,
  },
];
