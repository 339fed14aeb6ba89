/** nginx probes wired to `host` targets: every one but nginx.config-valid judges `nginx -T`, parsed. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { guarded, sourceOf } from '../host/read.ts';
import { absolutePathSchema, objectSchema, stringsSchema } from '../params-schema.ts';
import { type ProbeResult, perSubject, type SubjectResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { commandTransport } from '../transport/hosts.ts';
import { type AutoindexParams, judgeAutoindex } from './autoindex.ts';
import { type HeadersParams, judgeHeaders } from './headers.ts';
import { judgeLimits, type LimitsParams } from './limits.ts';
import { nginxParamsChecks } from './params-checks.ts';
import { type NginxParams, nginxCommand, readNginx } from './read.ts';
import { judgeRealIp, type RealIpParams } from './real-ip.ts';
import { judgeServerTokens } from './server-tokens.ts';
import { judgeTls, type TlsParams } from './tls.ts';
import { configValid } from './valid.ts';

const nginxParams = {
  config: absolutePathSchema('nginx.conf of the host (default /etc/nginx/nginx.conf)'),
  binary: {
    type: 'string',
    pattern: '^[^-]',
    description: 'nginx binary (default nginx, sbin directories searched)',
  },
};

/** Runs a judge over the server blocks of the effective configuration: one subject per server block. */
function serverProbe<P extends NginxParams>(
  judge: (servers: import('./servers.ts').Server[], p: P, source: string) => SubjectResult[],
) {
  return async (ctx: ProbeContext, host: HostEntry, p: P): Promise<ProbeResult> => {
    const t = commandTransport(ctx, host);
    const source = sourceOf(t, nginxCommand(p ?? {}, '-T'));
    return guarded(source, async () => {
      const c = await readNginx(ctx, t, p ?? {});
      return perSubject(t.host, 'server blocks', judge(c.servers, (p ?? {}) as P, c.source), { source });
    });
  };
}

const dumpPlan = <P extends NginxParams>(_h: HostEntry, p: P) => [nginxCommand(p ?? {}, '-T')];

export const nginxProbes = [
  defineProbe({
    name: 'nginx.config-valid',
    summary: 'nginx accepts its configuration (nginx -t)',
    target: 'host',
    params: objectSchema(nginxParams),
    run: (ctx, host: HostEntry, p: NginxParams) => configValid(commandTransport(ctx, host), p ?? {}),
    plan: (_h: HostEntry, p: NginxParams) => [nginxCommand(p ?? {}, '-t')],
  }),
  defineProbe({
    name: 'nginx.security-headers',
    summary:
      "Every server block sends the required security headers at every level, by add_header's inheritance rules (one subject per server block)",
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...nginxParams,
      headers: stringsSchema(
        'Required on every response (default X-Frame-Options, X-Content-Type-Options, Referrer-Policy)',
      ),
      tlsHeaders: stringsSchema('Also required on TLS servers (default Strict-Transport-Security)'),
      always: {
        type: 'boolean',
        description: 'Headers must be `always` (error responses too); default true',
      },
    }),
    validateParams: nginxParamsChecks['nginx.security-headers'],
    run: serverProbe<HeadersParams & NginxParams>(judgeHeaders),
    plan: dumpPlan,
  }),
  defineProbe({
    name: 'nginx.server-tokens',
    summary: 'server_tokens off in every server block and location (one subject per server block)',
    target: 'host',
    subjects: true,
    params: objectSchema(nginxParams),
    run: serverProbe<NginxParams>((servers, _p, source) => judgeServerTokens(servers, source)),
    plan: dumpPlan,
  }),
  defineProbe({
    name: 'nginx.autoindex',
    summary:
      'No directory listing in the locations nginx picks for upload paths (one subject per server block)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...nginxParams,
      paths: stringsSchema('URI paths (default /wp-content/uploads/)'),
    }),
    run: serverProbe<AutoindexParams & NginxParams>(judgeAutoindex),
    plan: dumpPlan,
  }),
  defineProbe({
    name: 'nginx.tls',
    summary:
      'TLS server blocks accept only allowed protocols, no forbidden ciphers, and name their certificate and key (one subject per TLS server block)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...nginxParams,
      protocols: {
        type: 'array',
        items: { enum: ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] },
        description: 'Default TLSv1.2, TLSv1.3',
      },
      forbiddenCiphers: stringsSchema(
        'Cipher-string words that must not be enabled (default NULL, eNULL, aNULL, EXPORT, RC4, DES, 3DES, MD5, ALL)',
      ),
      certificatePaths: stringsSchema(
        'Globs certificate files must match, e.g. /etc/letsencrypt/live/*/fullchain.pem',
      ),
    }),
    validateParams: nginxParamsChecks['nginx.tls'],
    run: serverProbe<TlsParams & NginxParams>(judgeTls),
    plan: dumpPlan,
  }),
  defineProbe({
    name: 'nginx.real-ip',
    summary:
      'set_real_ip_from never trusts every address (0.0.0.0/0, ::/0) and stays within the allowed proxy ranges (one subject per server block)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...nginxParams,
      allowedProxies: stringsSchema("Ranges trusted proxies must lie in (e.g. Cloudflare's)"),
    }),
    validateParams: nginxParamsChecks['nginx.real-ip'],
    run: serverProbe<RealIpParams & NginxParams>(judgeRealIp),
    plan: dumpPlan,
  }),
  defineProbe({
    name: 'nginx.limits',
    summary:
      'limit_req on the login paths (wp-login.php) and client_max_body_size within a maximum (one subject per server block)',
    target: 'host',
    subjects: true,
    params: objectSchema({
      ...nginxParams,
      rateLimited: stringsSchema('URI paths that must be rate-limited (default /wp-login.php)'),
      maxBodySize: {
        type: 'string',
        minLength: 1,
        description: "Largest client_max_body_size allowed, e.g. '16m'",
      },
    }),
    validateParams: nginxParamsChecks['nginx.limits'],
    run: serverProbe<LimitsParams & NginxParams>(judgeLimits),
    plan: dumpPlan,
  }),
];
