/**
 * Catalogue cases: params a schema cannot judge, refused at load by each check's own params
 * check (issue 10, "validate catches what it can"): bounds that leave nothing to pass, params
 * that only make sense together, HTTP header names and values, sshd keywords, globs and PromQL.
 */
import { type Case, control, INVENTORY, one } from './case.ts';

const WIDE = `${INVENTORY.replace(
  '{ name: am, kind: alertmanager, url: "http://127.0.0.1:9093" }',
  '{ name: am, kind: alertmanager, url: "http://127.0.0.1:9093" }, { name: prom, kind: prometheus, url: "http://127.0.0.1:9090" }',
)}  documents: [{ name: runbooks, path: docs }]
  backups: [{ name: nightly, kind: directory, path: /var/backups }]
`;
const with_ = (body: string, category = 'security', inventory = WIDE) =>
  one(`${inventory}controls:\n${control(body, category)}`);
const refused = (name: string, body: string, head: RegExp, category = 'security'): Case => ({
  name,
  files: with_(body, category),
  exit: 2,
  head,
});
const SERIES =
  'check: fleet.series, targets: [prom], params: { query: "avg(up) by (tenant)", subjectLabel: tenant, op: ">="';

export const paramsSemanticsCases: Case[] = [
  refused(
    'backup.retention with min above max',
    'check: backup.retention, targets: [nightly], params: { min: 7, max: 3 }',
    /\/controls\/0\/params\/max: control SEC-X-001: min 7 is above max 3: no value can pass/,
    'backup-dr',
  ),
  refused(
    'docker.containers with min above max',
    'check: docker.containers, targets: [local], params: { min: 5, max: 2 }',
    /\/params\/max: control SEC-X-001: min 5 is above max 2/,
  ),
  refused(
    'an http.json expectation with min above max',
    'check: http.json, targets: [web], params: { expect: [{ path: items, min: 10, max: 1 }] }',
    /\/params\/expect\/0\/max: control SEC-X-001: min 10 is above max 1/,
  ),
  refused(
    'fleet.series thresholdLabel without thresholds',
    `${SERIES}, thresholdLabel: tier }`,
    /\/params\/thresholdLabel: control SEC-X-001: thresholdLabel needs thresholds/,
    'monitoring',
  ),
  refused(
    'fleet.series thresholds without thresholdLabel',
    `${SERIES}, value: 1, thresholds: { gold: 0.99 } }`,
    /\/params\/thresholds: control SEC-X-001: thresholds need thresholdLabel/,
    'monitoring',
  ),
  refused(
    'fleet.series with no threshold at all',
    `${SERIES} }`,
    /\/params: control SEC-X-001: no threshold: give value, or thresholdLabel with thresholds/,
    'monitoring',
  ),
  refused(
    'http.headers requiring a header name with a space',
    'check: http.headers, targets: [web], params: { require: ["X Frame-Options"] }',
    /\/params\/require\/0: control SEC-X-001: header name "X Frame-Options" is not an RFC 7230 token/,
  ),
  refused(
    'http.headers alternatives with a bad name',
    'check: http.headers, targets: [web], params: { require: ["x-frame-options|csp frame-ancestors|bad:name"] }',
    /\/params\/require\/0: .*header name "bad:name" is not an RFC 7230 token/,
  ),
  refused(
    'nginx.security-headers requiring a name with a colon',
    'check: nginx.security-headers, targets: [local], params: { tlsHeaders: ["Strict-Transport-Security:"] }',
    /\/params\/tlsHeaders\/0: control SEC-X-001: header name "Strict-Transport-Security:" is not an RFC 7230 token/,
  ),
  {
    name: 'an endpoint header value with CR LF',
    files: one(
      `${INVENTORY.replace('url: "http://127.0.0.1:8080/" }', 'url: "http://127.0.0.1:8080/", headers: { X-Tenant: "a\\r\\nSet-Cookie: x" } }')}controls:\n${control('check: http.status, targets: [web]')}`,
    ),
    exit: 2,
    head: /\/inventory\/endpoints\/0\/headers\/X-Tenant: endpoint "web": header value "a\\r\\nSet-Cookie: x" holds a CR, LF or NUL character/,
  },
  {
    name: 'an endpoint header name that is no token',
    files: one(
      `${INVENTORY.replace('url: "http://127.0.0.1:8080/" }', 'url: "http://127.0.0.1:8080/", headers: { "X Tenant": a } }')}controls:\n${control('check: http.status, targets: [web]')}`,
    ),
    exit: 2,
    head: /\/inventory\/endpoints\/0\/headers\/X Tenant: endpoint "web": header name "X Tenant" is not an RFC 7230 token/,
  },
  refused(
    'host.sshd with a misspelt keyword',
    'check: host.sshd, targets: [local], params: { settings: { PermitRootLogn: "no" } }',
    /\/params\/settings\/PermitRootLogn: control SEC-X-001: "PermitRootLogn" is not an sshd_config\(5\) keyword \(did you mean permitrootlogin\?\)/,
  ),
  {
    name: 'host.sshd keywords in any case (graded)',
    files: with_(
      'check: host.sshd, targets: [local], params: { settings: { permitrootlogin: "no", PASSWORDAUTHENTICATION: "no" } }',
    ),
    exit: 0,
    head: /valid/,
  },
  refused(
    'docs.links with a glob that does not parse',
    'check: docs.links, targets: [runbooks], params: { glob: "**/*.{md" }',
    /\/params\/glob: control SEC-X-001: glob "\*\*\/\*\.\{md" does not parse: unterminated group/,
    'documentation',
  ),
  refused(
    'dr.playbooks with a glob over the length cap',
    `check: dr.playbooks, targets: [runbooks], params: { glob: "${'a/'.repeat(600)}*.md" }`,
    /\/params\/glob: control SEC-X-001: glob "(a\/)+…" is 1204 characters long, more than 1024/,
    'backup-dr',
  ),
  refused(
    'docs.updated with a character range out of order',
    'check: docs.updated, targets: [runbooks], params: { maxAgeDays: 90, glob: "[z-a].md" }',
    /\/params\/glob: .*glob "\[z-a\]\.md" does not parse: range out of order in character class/,
    'documentation',
  ),
  refused(
    'nginx.tls with a certificate glob that does not parse',
    'check: nginx.tls, targets: [local], params: { certificatePaths: ["/etc/letsencrypt/live/{a,b/fullchain.pem"] }',
    /\/params\/certificatePaths\/0: control SEC-X-001: glob "\/etc\/letsencrypt\/live\/\{a,b\/fullchain\.pem" does not parse: unterminated group/,
  ),
  refused(
    'logs.renewal-configs with a certificate glob that does not parse',
    'check: logs.renewal-configs, targets: [local], params: { certificates: ["[z-a]*.pem"] }',
    /\/params\/certificates\/0: control SEC-X-001: glob "\[z-a\]\*\.pem" does not parse: range out of order/,
  ),
  refused(
    "a docker name pattern past picomatch's own limit",
    `check: docker.health, targets: [local], params: { include: ["${'a'.repeat(70_000)}"] }`,
    /\/params\/include\/0: control SEC-X-001: glob "a+…" is 70000 characters long, more than 1024/,
  ),
  refused(
    'prometheus.expression with a PromQL syntax error',
    'check: prometheus.expression, targets: [prom], params: { query: "sum(rate(http_requests_total[5m])", expect: non-empty }',
    /\/params\/query: control SEC-X-001: PromQL "sum\(rate\(http_requests_total\[5m\]\)" does not parse at character 34/,
    'monitoring',
  ),
  refused(
    'fleet.series with a PromQL syntax error',
    'check: fleet.series, targets: [prom], params: { query: "avg(up) by tenant", subjectLabel: tenant, op: ">=", value: 1 }',
    /\/params\/query: control SEC-X-001: PromQL "avg\(up\) by tenant" does not parse at character 12/,
    'monitoring',
  ),
  {
    name: 'a PromQL query that parses (graded)',
    files: with_(
      'check: prometheus.expression, targets: [prom], params: { query: "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) < 0.5", expect: non-empty }',
      'monitoring',
    ),
    exit: 0,
    head: /valid/,
  },
];
