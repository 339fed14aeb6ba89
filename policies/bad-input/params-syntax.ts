/** Catalogue cases: regular expressions and JSON paths in params, refused at load (issue 10, 6). */
import { type Case, one, policy } from './case.ts';

export const paramsSyntaxCases: Case[] = [
  {
    name: 'an invalid regular expression',
    files: one(policy('', 'check: http.body, targets: [web], params: { pattern: "(" }')),
    exit: 2,
    head: /\/params\/pattern: control SEC-X-001: pattern \/\(\/ is not a valid regular expression/,
  },
  {
    name: 'a backtracking regular expression (runs in RE2: graded)',
    files: one(policy('', 'check: http.body, targets: [web], params: { pattern: "^(a+)+$" }')),
    exit: 0,
    head: /valid/,
  },
  {
    name: 'a malformed JSON path',
    files: one(
      policy('', 'check: http.json, targets: [web], params: { expect: [{ path: "a[", exists: true }] }'),
    ),
    exit: 2,
    head: /\/params\/expect\/0\/path: control SEC-X-001: malformed JSON path "a\["/,
  },
  {
    name: 'a JSON path with an empty step',
    files: one(
      policy('', 'check: http.body, targets: [web], params: { json: { path: "a..b", exists: true } }'),
    ),
    exit: 2,
    head: /\/params\/json\/path: .*malformed JSON path "a\.\.b"/,
  },
];
