import { afterEach, describe, expect, it } from 'vitest';
import {
  type RecordedGithub,
  type Routes,
  scenario,
  serveRecorded,
} from '../../fixtures/lab/github-recorded.ts';
import { createGithubTransport } from './github.ts';

const REPO = 'GET /repos/octocat/Hello-World';
let server: RecordedGithub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function serve(routes: Routes) {
  server = await serveRecorded(routes);
  return server;
}

describe('createGithubTransport', () => {
  it('reads a recorded repository through @octokit/request on Node 20 (content-type@3 parses the charset)', async () => {
    const s = await serve(scenario('passing'));
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000 });
    const r = await gh.get<{ default_branch: string }>('GET /repos/{owner}/{repo}', {
      owner: 'octocat',
      repo: 'Hello-World',
    });
    expect(r).toMatchObject({ status: 200, data: { default_branch: 'master' } });
  });

  it('resolves 403/404 with GitHub’s message instead of throwing', async () => {
    const s = await serve(scenario('denied'));
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000 });
    const r = await gh.list('GET /repos/{owner}/{repo}/secret-scanning/alerts', {
      owner: 'octocat',
      repo: 'Hello-World',
    });
    expect(r).toMatchObject({ status: 404, message: 'Secret scanning is disabled on this repository.' });
    expect(s.hits.get('GET /repos/octocat/Hello-World/secret-scanning/alerts')).toBe(1);
  });

  it('retries a 502 and returns the 200 that follows', async () => {
    const s = await serve({
      [REPO]: [{ status: 502, body: { message: 'Server Error' } }, ...[scenario('passing')[REPO]].flat()],
    });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000, retryBaseMs: 20 });
    const r = await gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' });
    expect(r.status).toBe(200);
    expect(s.hits.get(REPO)).toBe(2);
  });

  it('gives up after its retries and answers with the last 5xx', async () => {
    const s = await serve({ [REPO]: { status: 503, body: { message: 'Service Unavailable' } } });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000, retries: 2, retryBaseMs: 10 });
    const r = await gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' });
    expect(r).toMatchObject({ status: 503, message: 'Service Unavailable' });
    expect(s.hits.get(REPO)).toBe(3);
  });

  it('honours a secondary rate limit’s retry-after, once, within the bound', async () => {
    const limited = {
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    };
    const s = await serve({ [REPO]: [limited, ...[scenario('passing')[REPO]].flat()] });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000, maxRateLimitWaitS: 5 });
    const started = Date.now();
    const r = await gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' });
    const waited = Date.now() - started;
    expect(r.status).toBe(200);
    expect(s.hits.get(REPO)).toBe(2);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(4000);
  });

  it('waits for a primary rate limit reset (x-ratelimit-reset) when it is near', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    const limited = {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for 127.0.0.1.' },
    };
    const s = await serve({ [REPO]: [limited, ...[scenario('passing')[REPO]].flat()] });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000, maxRateLimitWaitS: 5 });
    const r = await gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' });
    expect(r.status).toBe(200);
    expect(s.hits.get(REPO)).toBe(2);
  });

  it('does not wait an hour for a far reset: answers 403 at once', async () => {
    const limited = {
      status: 403,
      headers: { 'retry-after': '3600' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    };
    const s = await serve({ [REPO]: limited });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 2000, maxRateLimitWaitS: 5 });
    const started = Date.now();
    const r = await gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' });
    expect(r).toMatchObject({ status: 403, message: expect.stringMatching(/secondary rate limit/) });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(s.hits.get(REPO)).toBe(1);
  });

  it('rejects with a TransportError naming the URL when the server never answers', async () => {
    const s = await serve({ [REPO]: { status: 200, hang: true } });
    const gh = createGithubTransport({ baseUrl: s.url, timeoutMs: 300, retries: 0 });
    const started = Date.now();
    await expect(
      gh.get('GET /repos/{owner}/{repo}', { owner: 'octocat', repo: 'Hello-World' }),
    ).rejects.toThrow(/\/repos\/octocat\/Hello-World: .*(timeout|aborted)/i);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sends the token in the Authorization header', async () => {
    const { createServer } = await import('node:http');
    let seen = '';
    const srv = createServer((req, res) => {
      seen = req.headers.authorization ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    const gh = createGithubTransport({
      baseUrl: `http://127.0.0.1:${port}`,
      token: 'lab-token-123',
      timeoutMs: 2000,
    });
    await gh.get('GET /rate_limit');
    srv.close();
    expect(seen).toBe('token lab-token-123');
  });
});
