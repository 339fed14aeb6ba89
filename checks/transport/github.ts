/**
 * GitHub REST transport: @octokit/rest with the throttling and retry plugins, a per-attempt
 * timeout, and answers as data. Every HTTP status resolves (403/404 are answers a probe must
 * judge: "not protected" is a failure, "not accessible" is inconclusive); only network
 * failures, timeouts and exhausted retries reject, with a TransportError naming the URL.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { RepositoryEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { TransportError } from './command.ts';

export interface GithubResponse<T = unknown> {
  status: number;
  data: T;
  /** GitHub's `message` on errors ("Branch not protected", "Resource not accessible by integration"). */
  message?: string;
  url: string;
}

export interface GithubTransport {
  readonly baseUrl: string;
  /** GET one resource, e.g. `GET /repos/{owner}/{repo}`. */
  get<T = unknown>(route: string, params?: Record<string, unknown>): Promise<GithubResponse<T>>;
  /** GET a list, following `Link: rel="next"` up to `maxItems` items (default 1000). */
  list<T = unknown>(
    route: string,
    params?: Record<string, unknown>,
    maxItems?: number,
  ): Promise<GithubResponse<T[]>>;
}

export interface GithubOptions {
  /** Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3. */
  baseUrl?: string;
  token?: string;
  /** Per attempt, covering connect, headers and body. */
  timeoutMs: number;
  /** Retries of 5xx and network failures (default 2). */
  retries?: number;
  /** Backoff unit: retry n waits n² × this (default 1000 ms). */
  retryBaseMs?: number;
  /** Wait for a rate limit reset at most this long, once; longer waits fail fast (default 60 s). */
  maxRateLimitWaitS?: number;
}

const PublicOctokit = Octokit.plugin(throttling, retry);

/** @example const gh = createGithubTransport({ baseUrl: 'http://127.0.0.1:8080', timeoutMs: 2000 }) */
export function createGithubTransport(o: GithubOptions): GithubTransport {
  const baseUrl = (o.baseUrl ?? 'https://api.github.com').replace(/\/$/, '');
  const maxWait = o.maxRateLimitWaitS ?? 60;
  const retryBaseMs = o.retryBaseMs ?? 1000;
  const waitOnce = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < 1 && retryAfter <= maxWait;
  const octokit = new PublicOctokit({
    baseUrl,
    auth: o.token,
    userAgent: 'readyspec',
    log: { debug() {}, info() {}, warn() {}, error() {} },
    request: { fetch: timedFetch(o.timeoutMs) },
    retry: { retries: o.retries ?? 2, retryAfterBaseValue: retryBaseMs },
    throttle: { onRateLimit: waitOnce, onSecondaryRateLimit: waitOnce, retryAfterBaseValue: 1000 },
  });

  async function call<T>(
    run: () => Promise<{ status: number; data: T; url: string }>,
    what: string,
  ): Promise<GithubResponse<T>> {
    try {
      const r = await run();
      return { status: r.status, data: r.data, url: r.url };
    } catch (err) {
      const e = err as {
        status?: number;
        response?: { status: number; data: unknown; url: string };
        message?: string;
      };
      if (e.response && typeof e.response.status === 'number') {
        const data = e.response.data as { message?: string } | undefined;
        return {
          status: e.response.status,
          data: e.response.data as T,
          message: data?.message ?? e.message,
          url: e.response.url,
        };
      }
      throw new TransportError(`[GET] ${baseUrl}${what}: ${e.message ?? String(err)}`, baseUrl, {
        cause: err,
      });
    }
  }

  return {
    baseUrl,
    get: (route, params = {}) => call(() => octokit.request(route, params), describe(route, params)),
    list: (route, params = {}, maxItems = 1000) =>
      call(
        async () => {
          const items: unknown[] = [];
          let last = { status: 200, url: '' };
          for await (const page of octokit.paginate.iterator(route, { per_page: 100, ...params })) {
            items.push(...(page.data as unknown[]));
            last = { status: page.status, url: page.url };
            if (items.length >= maxItems) break;
          }
          return { ...last, data: items.slice(0, maxItems) as never };
        },
        describe(route, params),
      ),
  };
}

/**
 * One client per API URL and token for the whole run, so throttling sees every request.
 * The token comes from the repository's secret reference; the URL from GITHUB_API_URL
 * (GitHub's own variable, also how tests point at a recorded server), default api.github.com.
 */
export function githubTransport(ctx: ProbeContext, repo: RepositoryEntry): GithubTransport {
  const baseUrl = process.env.GITHUB_API_URL || 'https://api.github.com';
  const tokenRef = repo.token ? JSON.stringify(repo.token) : 'anonymous';
  const token = ctx.secret(repo.token);
  // The loader refuses such a policy; an anonymous request could pass, so never send one.
  if (repo.token && token === undefined)
    throw new Error(`repository ${repo.name}: its token ${tokenRef} is not set`);
  return ctx.shared(`github:${baseUrl}:${tokenRef}`, () =>
    createGithubTransport({ baseUrl, token, timeoutMs: ctx.options.timeoutMs }),
  );
}

/** fetch with a deadline per attempt (the retry plugin makes further attempts with fresh deadlines). */
function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return fetch(input, {
      ...init,
      signal: init.signal ? AbortSignal.any([init.signal, deadline]) : deadline,
    });
  };
}

function describe(route: string, params: Record<string, unknown>): string {
  return route.replace(/^GET /, '').replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}
