/** TLS probes: what a policy's `check: tls.*` runs against an endpoint. */
import type { EndpointEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { notApplicable, type ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { type TlsConnectOptions, type TlsTransport, tlsTransport } from '../transport/tls.ts';
import { certificateValidity } from './certificate.ts';
import { chainVerifies } from './chain.ts';
import { hostnameMatch } from './hostname.ts';
import { keySize } from './key-size.ts';
import { forbiddenProtocols, type ProtocolVersion } from './protocols.ts';
import { TLS_TARGET_SCHEMA, type TlsTargetParams, tlsTarget } from './target.ts';

/** Resolves the endpoint to a connection and hands it to the probe, or says why TLS does not apply. */
async function onEndpoint(
  ctx: ProbeContext,
  endpoint: EndpointEntry,
  params: TlsTargetParams,
  probe: (t: TlsTransport, target: TlsConnectOptions) => Promise<ProbeResult>,
): Promise<ProbeResult> {
  const resolved = tlsTarget(endpoint, params, (p) => ctx.path(p), ctx.options.timeoutMs);
  if ('notApplicable' in resolved) return notApplicable(resolved.notApplicable, { source: endpoint.url });
  return probe(tlsTransport(ctx), resolved.options);
}

function schema(extra: Record<string, unknown> = {}) {
  return { type: 'object', additionalProperties: false, properties: { ...TLS_TARGET_SCHEMA, ...extra } };
}

const VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export const tlsProbes = [
  defineProbe<'endpoint', TlsTargetParams & { minDays?: number }>({
    name: 'tls.certificate',
    summary:
      'The leaf and every chain certificate stay valid for at least minDays (one result per certificate)',
    target: 'endpoint',
    subjects: true,
    params: schema({
      minDays: { type: 'number', minimum: 0, description: 'Fewest days left allowed (default 14).' },
    }),
    run: (ctx, endpoint, params) =>
      onEndpoint(ctx, endpoint, params, (t, target) =>
        certificateValidity(t, { target, minDays: params.minDays, now: ctx.options.now }),
      ),
  }),
  defineProbe<'endpoint', TlsTargetParams & { name?: string }>({
    name: 'tls.hostname',
    summary: 'The certificate is valid for the name clients use',
    target: 'endpoint',
    params: schema({
      name: { type: 'string', minLength: 1, description: 'Name to match (default: the SNI name).' },
    }),
    run: (ctx, endpoint, params) =>
      onEndpoint(ctx, endpoint, params, (t, target) => hostnameMatch(t, { target, name: params.name })),
  }),
  defineProbe<'endpoint', TlsTargetParams>({
    name: 'tls.chain',
    summary: 'The certificate chain verifies against the system CAs or the given CA',
    target: 'endpoint',
    params: schema(),
    run: (ctx, endpoint, params) =>
      onEndpoint(ctx, endpoint, params, (t, target) => chainVerifies(t, { target })),
  }),
  defineProbe<'endpoint', TlsTargetParams & { forbid?: ProtocolVersion[] }>({
    name: 'tls.protocols',
    summary: 'The server refuses forbidden protocol versions (default TLS 1.0 and 1.1)',
    target: 'endpoint',
    params: schema({
      forbid: {
        type: 'array',
        items: { type: 'string', enum: VERSIONS },
        uniqueItems: true,
        description: 'Versions the server must refuse (default ["TLSv1", "TLSv1.1"]).',
      },
    }),
    run: (ctx, endpoint, params) =>
      onEndpoint(ctx, endpoint, params, (t, target) =>
        forbiddenProtocols(t, { target, forbid: params.forbid }),
      ),
  }),
  defineProbe<'endpoint', TlsTargetParams & { minRsaBits?: number; minEcBits?: number }>({
    name: 'tls.key-size',
    summary:
      'Public keys in the chain are at least minRsaBits (RSA) / minEcBits (EC) (one result per certificate)',
    target: 'endpoint',
    subjects: true,
    params: schema({
      minRsaBits: {
        type: 'integer',
        minimum: 512,
        description: 'Smallest RSA modulus allowed (default 2048).',
      },
      minEcBits: { type: 'integer', minimum: 160, description: 'Smallest EC key allowed (default 256).' },
    }),
    run: (ctx, endpoint, params) =>
      onEndpoint(ctx, endpoint, params, (t, target) =>
        keySize(t, { target, minRsaBits: params.minRsaBits, minEcBits: params.minEcBits }),
      ),
  }),
];
