/**
 * Reading a monitoring service's JSON API (Prometheus, Alertmanager, Grafana, Loki, Traefik):
 * one place that turns "could not read" into an `error` result, so every probe scores only
 * what it actually saw.
 */
import { describeError, type Evidence, inconclusive, type Json, type ProbeResult } from '../probe.ts';
import type { HttpRequest, HttpTransport } from '../transport/http.ts';

/** A monitoring service as a probe reaches it: the transport plus the inventory entry's connection settings. */
export interface MonitoringApi {
  http: HttpTransport;
  /** Base URL; a path prefix (Grafana behind /grafana/) is kept. */
  url: string;
  /** Sent as `Authorization: Bearer`; never copied into evidence. */
  token?: string;
  ca?: string;
  insecure?: boolean;
  timeoutMs?: number;
}

export type ApiAnswer<T> =
  | {
      ok: true;
      data: T;
      source: string;
      status: number;
      durationMs: number;
      headers?: Record<string, string>;
    }
  | { ok: false; result: ProbeResult };

/** Joins the base URL and an API path, keeping any path prefix of the base. */
export function apiUrl(base: string, path: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return new URL(path.replace(/^\/+/, ''), root).toString();
}

/** Optional request parts for the few calls that are not plain GETs (a test alert). */
export interface ApiCall {
  method?: HttpRequest['method'];
  body?: unknown;
  active?: boolean;
  /** Statuses that are answers rather than failures (e.g. 503 from a readiness endpoint). */
  acceptStatus?: (status: number) => boolean;
  /** Parse the body as JSON (default) or hand it back as text. */
  text?: boolean;
}

/**
 * Calls the API and parses its JSON. Unreachable, timeout, 401/403, other non-2xx and
 * malformed JSON all come back as an `error` result naming the URL and the cause.
 * @example const a = await getJson<PromEnvelope>(api, '/api/v1/targets'); if (!a.ok) return a.result;
 */
export async function getJson<T = unknown>(
  api: MonitoringApi,
  path: string,
  call: ApiCall = {},
): Promise<ApiAnswer<T>> {
  const url = apiUrl(api.url, path);
  const source = `${call.method ?? 'GET'} ${url}`;
  const headers: Record<string, string> = { accept: call.text ? '*/*' : 'application/json' };
  if (api.token) headers.authorization = `Bearer ${api.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let res: Awaited<ReturnType<HttpTransport['request']>>;
  try {
    res = await api.http.request({
      url,
      method: call.method ?? 'GET',
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      active: call.active,
      timeoutMs: api.timeoutMs,
      ca: api.ca,
      insecure: api.insecure,
    });
  } catch (err) {
    return failed(`${source}: ${describeError(err)}`, { source, error: describeError(err) });
  }
  const evidence: Evidence = { source, status: res.status };
  if (res.status === 401 || res.status === 403) {
    const why = api.token ? 'the token was refused or lacks permission' : 'no token configured';
    return failed(`${source}: ${res.status} (${why}); cannot evaluate without read access`, evidence);
  }
  const accepted = call.acceptStatus?.(res.status) ?? (res.status >= 200 && res.status < 300);
  if (!accepted) {
    return failed(`${source}: unexpected status ${res.status}${snippet(res.body)}`, evidence);
  }
  const answer = {
    ok: true as const,
    source,
    status: res.status,
    durationMs: res.durationMs,
    headers: res.headers,
  };
  if (call.text) return { ...answer, data: res.body as T };
  try {
    return { ...answer, data: JSON.parse(res.body) as T };
  } catch (err) {
    return failed(`${source}: answer is not JSON (${describeError(err)})${snippet(res.body)}`, evidence);
  }
}

/** An `error` result for an answer whose JSON does not have the documented shape. */
export function malformed(source: string, what: string): ProbeResult {
  return inconclusive(`${source}: unexpected answer, ${what}`, { source });
}

function failed(message: string, evidence: Evidence): { ok: false; result: ProbeResult } {
  return { ok: false, result: inconclusive(message, evidence) };
}

function snippet(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text ? `: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}` : '';
}

/** Plain params (typed as interfaces) as evidence JSON. */
export function asJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null));
}

/**
 * The entries of a list answer, when every one has the documented shape; otherwise a sentence
 * for `malformed`. Dropping odd entries would turn "cannot read" into "nothing there" (a false
 * "no targets" failure, or a pass over an empty list).
 * @example const t = allShaped(data.activeTargets, isTarget, 'target'); if (typeof t === 'string') return malformed(source, t);
 */
export function allShaped<T>(list: unknown[], shaped: (v: unknown) => v is T, what: string): T[] | string {
  const odd = list.filter((v) => !shaped(v)).length;
  return odd ? `${odd} of ${list.length} ${what} entries lack the documented fields` : (list as T[]);
}

/** True for a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
