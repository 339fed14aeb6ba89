import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import type { GithubTransport } from '../transport/github.ts';
import { notReadable, type RepoRef } from './answers.ts';

export type AdvisorySeverity = 'low' | 'medium' | 'high' | 'critical';
const ORDER: AdvisorySeverity[] = ['low', 'medium', 'high', 'critical'];

export interface DependabotParams {
  /**
   * The highest severity that may stay open; alerts above it fail. Default: none may stay
   * open. `high` tolerates low/medium/high and fails on critical.
   */
  maxSeverity?: AdvisorySeverity;
}

interface DependabotAlert {
  number: number;
  html_url: string;
  dependency?: { package?: { ecosystem: string; name: string } };
  security_advisory?: { ghsa_id: string; severity: string };
  security_vulnerability?: { severity: string };
}

/**
 * Checks that no open Dependabot alert is above the tolerated severity: one subject per open
 * alert (`#12 npm:lodash`), tolerated ones pass; no open alert is one pass.
 * @example await noOpenDependabotAlerts(gh, { owner: 'octo-org', repo: 'api' }, { maxSeverity: 'medium' })
 */
export async function noOpenDependabotAlerts(
  gh: GithubTransport,
  r: RepoRef,
  p: DependabotParams = {},
): Promise<ProbeResult> {
  const source = `${gh.baseUrl}/repos/${r.owner}/${r.repo}/dependabot/alerts?state=open`;
  const res = await gh.list<DependabotAlert>('GET /repos/{owner}/{repo}/dependabot/alerts', {
    ...r,
    state: 'open',
  });
  if (res.status !== 200) return notReadable(res, 'Dependabot alerts', source);
  const tolerated = p.maxSeverity ? ORDER.indexOf(p.maxSeverity) : -1;
  const alerts = res.data.map((a) => ({
    number: a.number,
    severity: a.security_vulnerability?.severity ?? a.security_advisory?.severity ?? 'unknown',
    package: a.dependency?.package
      ? `${a.dependency.package.ecosystem}:${a.dependency.package.name}`
      : 'unknown',
    advisory: a.security_advisory?.ghsa_id ?? null,
    url: a.html_url,
  }));
  const expected = p.maxSeverity ? `no open alert above ${p.maxSeverity}` : 'no open alert';
  const evidence = { source, expected, open: alerts.length };
  if (alerts.length === 0) return pass('no open Dependabot alert', { ...evidence, observed: 0 });
  const subjects = alerts.map((a) => {
    // An unknown severity counts as the worst: it cannot be shown to be tolerable.
    const rank = ORDER.includes(a.severity as AdvisorySeverity)
      ? ORDER.indexOf(a.severity as AdvisorySeverity)
      : ORDER.length;
    const name = `#${a.number} ${a.package}`;
    const seen = { source: a.url, expected, observed: a.severity, advisory: a.advisory, package: a.package };
    if (rank > tolerated)
      return subject(
        name,
        fail(`${name} open, severity ${a.severity}${a.advisory ? ` (${a.advisory})` : ''}`, seen),
      );
    return subject(
      name,
      pass(`${name} open, severity ${a.severity} tolerated (at most ${p.maxSeverity})`, seen),
    );
  });
  const summary = perSubject(`${r.owner}/${r.repo}`, 'open Dependabot alerts', subjects, evidence);
  const failing = subjects.filter((x) => x.outcome === 'fail').length;
  return { ...summary, evidence: { ...summary.evidence, observed: failing } };
}
