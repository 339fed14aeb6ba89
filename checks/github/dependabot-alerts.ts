import { fail, type ProbeResult, pass } from '../probe.ts';
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
 * Checks that no open Dependabot alert is above the tolerated severity.
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
  // An unknown severity counts as the worst: it cannot be shown to be tolerable.
  const failing = alerts.filter(
    (a) =>
      (ORDER.includes(a.severity as AdvisorySeverity)
        ? ORDER.indexOf(a.severity as AdvisorySeverity)
        : ORDER.length) > tolerated,
  );
  const expected = p.maxSeverity ? `no open alert above ${p.maxSeverity}` : 'no open alert';
  const evidence = {
    source,
    expected,
    observed: failing.length,
    open: alerts.length,
    alerts: failing.slice(0, 20),
  };
  if (failing.length === 0)
    return pass(
      alerts.length
        ? `${alerts.length} open Dependabot alert(s), none above ${p.maxSeverity}`
        : 'no open Dependabot alert',
      evidence,
    );
  const above = p.maxSeverity ? ` above ${p.maxSeverity}` : '';
  const first = failing.slice(0, 3).map((a) => `#${a.number} ${a.package} (${a.severity})`);
  return fail(`${failing.length} open Dependabot alert(s)${above}: ${first.join(', ')}`, evidence);
}
