/**
 * Traefik's API lists (`/api/http/routers`, `/api/http/services`): paginated with `page` /
 * `per_page` and an `X-Next-Page` header. Field names follow Traefik's runtime types
 * (`status` enabled|disabled|warning, `error` list, `serverStatus` url → UP|DOWN).
 */
import { type ApiAnswer, allShaped, getJson, isObject, type MonitoringApi, malformed } from './api.ts';

const PER_PAGE = 100;
/** Bound on pages read: 5 000 routers is far beyond any single Traefik. */
const MAX_PAGES = 50;

export interface TraefikItem {
  name: string;
  provider?: string;
  status?: string;
  error?: string[];
  serverStatus?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Reads every page of a Traefik list endpoint.
 * @example const routers = await traefikList(api, '/api/http/routers');
 */
export async function traefikList(api: MonitoringApi, path: string): Promise<ApiAnswer<TraefikItem[]>> {
  const items: TraefikItem[] = [];
  let source = '';
  let page = 1;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await getJson<unknown>(api, `${path}?page=${page}&per_page=${PER_PAGE}`);
    if (!answer.ok) return answer;
    source ||= answer.source;
    if (!Array.isArray(answer.data)) return { ok: false, result: malformed(answer.source, 'not a list') };
    const shaped = allShaped(
      answer.data,
      (i): i is TraefikItem => isObject(i) && typeof i.name === 'string',
      'item',
    );
    if (typeof shaped === 'string') return { ok: false, result: malformed(answer.source, shaped) };
    items.push(...shaped);
    const next = Number(answer.headers?.['x-next-page'] ?? 1);
    if (!(next > page)) break;
    page = next;
  }
  return { ok: true, data: items, source, status: 200, durationMs: 0 };
}
