import { fail, type ProbeResult, pass, perSubject, subject } from '../probe.ts';
import type { GithubTransport } from '../transport/github.ts';
import { notReadable, type RepoRef } from './answers.ts';

interface SecretAlert {
  number: number;
  secret_type: string;
  secret_type_display_name?: string;
  html_url: string;
  created_at: string;
}

/**
 * Checks that GitHub secret scanning has no open alert: each open alert is a failing subject
 * (`#42 Mailchimp API Key`); none is one pass. Disabled scanning or a token without
 * the permission is `error`: nobody looked, which is not the same as nothing found.
 * @example await noOpenSecretAlerts(gh, { owner: 'octo-org', repo: 'api' })
 */
export async function noOpenSecretAlerts(gh: GithubTransport, r: RepoRef): Promise<ProbeResult> {
  const source = `${gh.baseUrl}/repos/${r.owner}/${r.repo}/secret-scanning/alerts?state=open`;
  const res = await gh.list<SecretAlert>('GET /repos/{owner}/{repo}/secret-scanning/alerts', {
    ...r,
    state: 'open',
  });
  if (res.status !== 200) return notReadable(res, 'secret scanning alerts', source);
  // The alert payload carries the secret itself (`secret`): only its type and link leave here.
  const alerts = res.data.map((a) => ({
    number: a.number,
    type: a.secret_type_display_name ?? a.secret_type,
    url: a.html_url,
    createdAt: a.created_at,
  }));
  const evidence = { source, expected: 0, observed: alerts.length };
  if (alerts.length === 0) return pass('no open secret scanning alert', evidence);
  const subjects = alerts.map((a) =>
    subject(
      `#${a.number} ${a.type}`,
      fail(
        `open secret scanning alert #${a.number} (${a.type}) since ${a.createdAt}: revoke the secret, then close it`,
        {
          source: a.url,
          expected: 'closed',
          observed: 'open',
          ...a,
        },
      ),
    ),
  );
  return perSubject(`${r.owner}/${r.repo}`, 'open secret scanning alerts', subjects, evidence);
}
