import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labContext } from '../../fixtures/lab/context.ts';
import { type RecordedGithub, scenario, serveRecorded } from '../../fixtures/lab/github-recorded.ts';
import type { AnyProbe } from '../registry.ts';
import { createGithubTransport, type GithubTransport } from '../transport/github.ts';
import { branchProtected } from './branch-protection.ts';
import { noOpenDependabotAlerts } from './dependabot-alerts.ts';
import { lastPushAge } from './last-push.ts';
import { githubProbes } from './probes.ts';
import { noOpenSecretAlerts } from './secret-alerts.ts';

const ref = { owner: 'octocat', repo: 'Hello-World' };
const servers: Record<string, RecordedGithub> = {};
const gh: Record<string, GithubTransport> = {};

beforeAll(async () => {
  for (const name of ['passing', 'failing', 'ruleset', 'denied']) {
    servers[name] = await serveRecorded(scenario(name));
    gh[name] = createGithubTransport({ baseUrl: servers[name].url, timeoutMs: 2000, retryBaseMs: 10 });
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

describe('github.branch-protection', () => {
  it.each([
    ['passing', {}, 'pass'],
    ['passing', { requireReviews: 2, requireStatusChecks: ['continuous-integration/travis-ci'] }, 'pass'],
    ['passing', { requireReviews: 3 }, 'fail'],
    ['passing', { requireStatusChecks: ['ci/test'] }, 'fail'],
    ['ruleset', { requireReviews: 1, requireStatusChecks: ['ci/test'] }, 'pass'],
    ['ruleset', { requireReviews: 2 }, 'fail'],
    ['failing', {}, 'fail'],
    ['denied', {}, 'error'],
  ] as const)('%s %j → %s', async (name, params, outcome) => {
    const r = await branchProtected(gh[name], ref, params as never);
    expect(r.outcome).toBe(outcome);
    if (name === 'failing') expect(r.message).toMatch(/default branch master is not protected/);
    if (name === 'denied') expect(r.message).toMatch(/403 Resource not accessible by integration/);
    if (name === 'ruleset' && outcome === 'pass')
      expect(r.evidence.observed).toMatchObject({ via: 'ruleset', reviews: 1, statusChecks: ['ci/test'] });
  });
});

describe('github.last-push', () => {
  it.each([
    [new Date('2011-02-20T00:00:00Z'), 30, 'pass'],
    [new Date('2011-04-01T00:00:00Z'), 30, 'fail'],
  ])('pushed 2011-01-26, now %s, max %i days → %s', async (now, maxAgeDays, outcome) => {
    const r = await lastPushAge(gh.passing, ref, { maxAgeDays }, now);
    expect(r).toMatchObject({ outcome, evidence: { pushedAt: '2011-01-26T19:06:43Z' } });
  });
});

describe('github.secret-alerts', () => {
  it('passes with no open alert', async () => {
    expect(await noOpenSecretAlerts(gh.passing, ref)).toMatchObject({
      outcome: 'pass',
      evidence: { observed: 0 },
    });
  });

  it('fails on an open alert, without the secret in evidence', async () => {
    const r = await noOpenSecretAlerts(gh.failing, ref);
    expect(r).toMatchObject({
      outcome: 'fail',
      evidence: { observed: 1 },
      subjects: [{ subject: '#42 Mailchimp API Key', outcome: 'fail', evidence: { number: 42 } }],
    });
    expect(JSON.stringify(r)).not.toContain('-us2');
  });

  it('is an error (inconclusive) when secret scanning is disabled', async () => {
    const r = await noOpenSecretAlerts(gh.denied, ref);
    expect(r).toMatchObject({
      outcome: 'error',
      evidence: { status: 404, reason: 'Secret scanning is disabled on this repository.' },
    });
  });
});

describe('github.dependabot-alerts', () => {
  it.each([
    ['passing', undefined, 'pass', 0],
    ['failing', undefined, 'fail', 2],
    ['failing', 'low', 'fail', 2],
    ['failing', 'medium', 'fail', 1],
    ['failing', 'high', 'pass', 0],
    ['denied', undefined, 'error', undefined],
  ] as const)('%s maxSeverity=%s → %s', async (name, maxSeverity, outcome, observed) => {
    const r = await noOpenDependabotAlerts(gh[name], ref, { maxSeverity });
    expect(r.outcome).toBe(outcome);
    if (observed !== undefined) {
      expect(r.evidence.observed).toBe(observed);
      expect(r.subjects?.filter((s) => s.outcome === 'fail').length ?? 0).toBe(observed);
    }
  });
});

describe('githubProbes wiring', () => {
  const previous = process.env.GITHUB_API_URL;
  afterAll(() => {
    if (previous === undefined) delete process.env.GITHUB_API_URL;
    else process.env.GITHUB_API_URL = previous;
  });
  const probe = (name: string) => githubProbes.find((p) => p.name === name) as AnyProbe;

  it('reads GitHub through githubTransport (API URL from GITHUB_API_URL, token from the secret ref)', async () => {
    process.env.GITHUB_API_URL = servers.failing.url;
    process.env.READYSPEC_LAB_GH_TOKEN = 'lab-token';
    const ctx = labContext({ baseDir: '/tmp', probes: githubProbes, inventory: {} });
    const target = { name: 'hello', github: 'octocat/Hello-World', token: { env: 'READYSPEC_LAB_GH_TOKEN' } };
    expect((await probe('github.secret-alerts').run(ctx, target, {})).outcome).toBe('fail');
    expect((await probe('github.last-push').run(ctx, target, { maxAgeDays: 1 })).outcome).toBe('fail');
    await ctx.close();
  });

  it('is not applicable to a repository without github:, and an error for a malformed one', async () => {
    const ctx = labContext({ baseDir: '/tmp', probes: githubProbes, inventory: {} });
    expect(
      (await probe('github.secret-alerts').run(ctx, { name: 'local', path: '/srv/app' }, {})).outcome,
    ).toBe('not-applicable');
    expect(
      (await probe('github.secret-alerts').run(ctx, { name: 'bad', github: 'not a repo' }, {})).outcome,
    ).toBe('error');
  });

  it('is an error naming the URL when GitHub cannot be reached', async () => {
    process.env.GITHUB_API_URL = 'http://127.0.0.1:1';
    const ctx = labContext({
      baseDir: '/tmp',
      probes: githubProbes,
      inventory: {},
      options: { timeoutMs: 1000 },
    });
    const r = await probe('github.last-push').run(
      ctx,
      { name: 'x', github: 'octocat/Hello-World' },
      { maxAgeDays: 1 },
    );
    expect(r.outcome).toBe('error');
    expect(r.message).toMatch(/127\.0\.0\.1:1\/repos\/octocat\/Hello-World/);
  }, 20_000);
});
