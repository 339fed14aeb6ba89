/** Catalogue cases: URLs, ports, resolvers and SSH jumps that only failed at run time (issue 10, 6). */
import { type Case, control, FILE_MODE, one, policy } from './case.ts';

export const addressCases: Case[] = [
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
];
