/**
 * The bad-input catalogue's case shape and the policy snippets its tables build on: one small
 * inventory (a local host, a loopback endpoint, an Alertmanager) and one control that needs no
 * connection (host.file-mode), which a case edits into the input it is about.
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

export const INVENTORY = `inventory:
  hosts: [{ name: local, transport: local }]
  endpoints: [{ name: web, url: "http://127.0.0.1:8080/" }]
  monitoring: [{ name: am, kind: alertmanager, url: "http://127.0.0.1:9093" }]
`;
export const FILE_MODE = 'check: host.file-mode, params: { path: /etc/passwd, maxMode: "644" }';
export const control = (body: string, category = 'security') =>
  `  - { id: SEC-X-001, title: t, category: ${category}, severity: high, ${body} }\n`;
export const policy = (extra = '', body = FILE_MODE, category = 'security') =>
  `${INVENTORY}controls:\n${control(body, category)}${extra}`;
export const waiver = (fields: string) =>
  `waivers:\n  - { control: SEC-X-001, justification: retired next sprint, owner: a, approver: b, ${fields} }\n`;
export const one = (text: string) => ({ 'p.yaml': text });
