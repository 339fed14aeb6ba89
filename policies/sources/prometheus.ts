/**
 * Prometheus's active scrape targets as hosts or endpoints. A blackbox probe's target is its
 * `instance` label (the URL probed); a node exporter's host is the host part of `instance`.
 * Each entry is grouped by its job (`job-node`), and by any label the mapping names.
 */
import { jsonClient } from './fetch-json.ts';
import { type Mapped, mapItem } from './map-item.ts';
import type { EntryMapping, PrometheusSource, Resolved, SourceContext } from './types.ts';
import { SourceError } from './types.ts';

const DEFAULTS: Record<'endpoints' | 'hosts', EntryMapping> = {
  endpoints: { name: '{{job}}-{{instance}}', url: '{{instance}}', groups: ['job-{{job}}'] },
  hosts: { name: '{{host}}', address: '{{host}}', groups: ['job-{{job}}'] },
};

/** @example await prometheusSource({ name: 'prom', kind: 'prometheus', url: 'http://127.0.0.1:9090', as: 'hosts' }, ctx) */
export async function prometheusSource(s: PrometheusSource, ctx: SourceContext): Promise<Resolved> {
  const client = jsonClient(s.name, {
    timeoutMs: s.timeoutMs ?? ctx.timeoutMs,
    ca: s.ca,
    insecure: s.insecure,
  });
  const url = `${s.url.replace(/\/+$/, '')}/api/v1/targets?state=active`;
  let data: unknown;
  try {
    data = (await client.get(url, s.token ? { authorization: `Bearer ${ctx.secret(s.token)}` } : {})).data;
  } finally {
    await client.close();
  }
  const active = (data as { data?: { activeTargets?: unknown } })?.data?.activeTargets;
  if (!Array.isArray(active)) throw new SourceError(s.name, `[GET] ${url}: no data.activeTargets list`);
  const map = s.map ?? DEFAULTS[s.as];
  const out: Resolved = { hosts: [], endpoints: [], notes: [] };
  const byName = new Map<string, { name: string; groups?: string[] }>();
  for (const t of active as { labels?: Record<string, string>; scrapeUrl?: string }[]) {
    const labels = t.labels ?? {};
    const job = labels.job ?? '';
    if (s.jobs && !s.jobs.includes(job)) continue;
    const instance = labels.instance ?? '';
    const row = { labels, job, instance, scrapeUrl: t.scrapeUrl, host: hostOf(instance) };
    const mapped: Mapped = mapItem(map, row, s.as);
    if (!mapped.ok) {
      out.notes.push(`${job}/${instance}: ${mapped.why}`);
      continue;
    }
    // One host scraped by several jobs (node, cadvisor) is one host with each job's group.
    const known = byName.get(mapped.entry.name);
    if (known) {
      known.groups = [...new Set([...(known.groups ?? []), ...(mapped.entry.groups ?? [])])];
      continue;
    }
    byName.set(mapped.entry.name, mapped.entry);
    ((s.as === 'hosts' ? out.hosts : out.endpoints) as { name: string }[]).push(mapped.entry);
  }
  return out;
}

/** `10.0.0.5:9100` → `10.0.0.5`; `[::1]:9100` → `::1`; `https://a.example/x` → `a.example`. */
export function hostOf(instance: string): string {
  try {
    if (/^[a-z]+:\/\//i.test(instance)) return new URL(instance).hostname.replace(/^\[|\]$/g, '');
  } catch {}
  const v6 = instance.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (v6) return v6[1] as string;
  return instance.replace(/:\d+$/, '');
}
