/**
 * The bad-input catalogue's cases (policies/bad-input-catalogue.test.ts): one per class of
 * hostile or mistaken input that issue 10 found accepted, hung or crashed on, with the exit
 * code `readyspec validate` (or `run`) must give and the head of its message.
 */

export interface Case {
  name: string;
  /** Policy files written into a fresh temp dir. */
  files?: Record<string, string>;
  /** A FIFO of this name in the policy dir. */
  fifo?: string;
  /** A symlink zero.yaml → this device in the policy dir. */
  device?: string;
  /** The policy source itself, instead of a temp dir. */
  source?: string;
  env?: Record<string, string>;
  /** Run through bin/readyspec.mjs instead of in-process validate. */
  via?: 'validate' | 'run';
  exit: 0 | 2;
  head: RegExp;
}

const INVENTORY = `inventory:
  hosts: [{ name: local, transport: local }]
  endpoints: [{ name: web, url: "http://127.0.0.1:8080/" }]
  monitoring: [{ name: am, kind: alertmanager, url: "http://127.0.0.1:9093" }]
`;
const FILE_MODE = 'check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" }';
const control = (body: string, category = 'security') =>
  `  - { id: SEC-X-001, title: t, category: ${category}, severity: high, ${body} }\n`;
const policy = (extra = '', body = FILE_MODE, category = 'security') =>
  `${INVENTORY}controls:\n${control(body, category)}${extra}`;
const waiver = (fields: string) =>
  `waivers:\n  - { control: SEC-X-001, justification: retired next sprint, owner: a, approver: b, ${fields} }\n`;
const one = (text: string) => ({ 'p.yaml': text });

function aliasBomb(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const name of 'bcdefghi') {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = name;
  }
  return `${text}controls: [*${prev}]\n`;
}

const env = (vars: Record<string, string>, head: RegExp): Case => ({
  name: `environment ${Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`,
  files: one(policy()),
  env: vars,
  exit: 2,
  head,
});

export const badInputCases: Case[] = [
  // Controls that vanished (issue 10, 2).
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
  // Hostile files (issue 10, 4).
  { name: 'a YAML alias bomb', files: one(aliasBomb()), exit: 2, head: /YAML aliases expand to more than/ },
  {
    name: '/dev/zero as the policy',
    source: '/dev/zero',
    exit: 2,
    head: /\/dev\/zero: is a character device/,
  },
  {
    name: '/dev/zero linked into the policy dir',
    device: '/dev/zero',
    exit: 2,
    head: /zero\.yaml: is a character device/,
  },
  { name: 'a FIFO', fifo: 'pipe.yaml', exit: 2, head: /pipe\.yaml: is a named pipe \(FIFO\)/ },
  {
    name: 'a sequence 200,000 deep',
    files: one(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    exit: 2,
    head: /nested too deep to read/,
  },
  // Found only at run time, or too late (issue 10, 6).
  {
    name: 'an invalid time zone',
    files: one(`${policy()}rubric: { timezone: Mars/Olympus }\n`),
    exit: 2,
    head: /\/rubric\/timezone: time zone "Mars\/Olympus" is not known/,
  },
  {
    name: 'an endpoint URL port over 65535',
    files: one(policy().replace('127.0.0.1:8080', '127.0.0.1:70000')),
    exit: 2,
    head: /\/inventory\/endpoints\/0\/url: endpoint "web": port 70000 .* is not from 1 to 65535/,
  },
  {
    name: 'a monitoring URL that does not parse',
    files: one(policy().replace('http://127.0.0.1:9093', 'http://[zz/')),
    exit: 2,
    head: /\/inventory\/monitoring\/0\/url: monitoring entry "am": "http:\/\/\[zz\/" is not a URL/,
  },
  {
    name: 'an SSH port over 65535',
    files: one(
      `inventory:\n  hosts: [{ name: a, address: 127.0.0.1, port: 70000 }]\ncontrols:\n${control(FILE_MODE)}`,
    ),
    exit: 2,
    head: /\/inventory\/hosts\/0\/port: must be <= 65535/,
  },
  {
    name: 'a resolver port over 65535',
    files: one(
      policy(
        '',
        'check: dns.resolve, targets: [web], params: { addresses: [127.0.0.1], resolver: "127.0.0.1:99999" }',
      ),
    ),
    exit: 2,
    head: /\/params\/resolver: control SEC-X-001: resolver "127\.0\.0\.1:99999": port 99999 is not from 1 to 65535/,
  },
  {
    name: 'a resolver that is no IP address',
    files: one(
      policy(
        '',
        'check: dns.resolve, targets: [web], params: { addresses: [127.0.0.1], resolver: "999.1.1.1" }',
      ),
    ),
    exit: 2,
    head: /\/params\/resolver: .*"999\.1\.1\.1" is not an IP address/,
  },
  {
    name: "a test alert receiver's URL port over 65535",
    files: one(
      policy(
        '',
        'check: alertmanager.test-alert, targets: [am], params: { receiverCheck: { url: "http://127.0.0.1:99999/{id}" } }',
        'monitoring',
      ),
    ),
    exit: 2,
    head: /\/params\/receiverCheck\/url: .*port 99999/,
  },
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
  {
    name: 'an OAuth token URL that is no URL',
    files: one(
      policy(
        '',
        'check: http.json, targets: [web], params: { oauth: { tokenUrl: "not a url", clientId: c, clientSecret: { env: READYSPEC_CATALOGUE_UNSET } }, expect: [{ path: a }] }',
      ),
    ),
    exit: 2,
    head: /\/params\/oauth\/tokenUrl: .*"not a url" is not a URL/,
  },
  {
    name: 'an SSH jump cycle',
    files: one(
      `inventory:\n  hosts: [{ name: a, address: 127.0.0.1, jump: b }, { name: b, address: 127.0.0.1, jump: c }, { name: c, address: 127.0.0.1, jump: a }]\ncontrols:\n${control(FILE_MODE)}`,
    ),
    exit: 2,
    head: /\/inventory\/hosts\/2\/jump: host "c": SSH jump hosts form a cycle a → b → c → a/,
  },
  {
    name: 'a host that jumps through itself',
    files: one(
      `inventory:\n  hosts: [{ name: a, address: 127.0.0.1, jump: a }]\ncontrols:\n${control(FILE_MODE)}`,
    ),
    exit: 2,
    head: /host "a": SSH jump hosts form a cycle a → a/,
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
