/**
 * secretlint's recommended rules, plus readyspec's credential rule, over one file's text.
 *
 * secretlint profiles every run into a process-wide singleton: global performance marks, plus
 * arrays that only grow and are searched linearly on every mark. After a few hundred files its
 * PerformanceObserver callbacks starve the event loop (measured here: a child process's output
 * then waits for the next timer, so commands hit their timeouts). We never read that profile,
 * so its `mark` is switched off for this process. Upstream: secretlint/secretlint#1633 and #1653,
 * fixed by PR #1673 (profiling opt-in) in a later major than the 11.7.1 pinned here.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import {
  assignments,
  CREDENTIAL_RULE_ID,
  credentialRule,
  DOCUMENTED_EXAMPLES,
  fingerprint,
} from './credential-rule.ts';

secretLintProfiler.mark = () => {};

const config = {
  rules: [
    { id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended },
    { id: CREDENTIAL_RULE_ID, rule: credentialRule },
  ],
};

export interface SecretHit {
  line: number;
  /** secretlint rule without its package prefix, e.g. `aws`, `privatekey`, `readyspec-credential-assignment`. */
  rule: string;
  /** The rule's message id, e.g. `AWSSecretAccessKey`, `GenericCredential`, `DocumentedExampleKey`. */
  kind: string;
  /** The setting's name, for a generic credential assignment. */
  key?: string;
  /** Length and a run-local fingerprint of the value (never the value), for a credential assignment. */
  length?: number;
  fingerprint?: string;
  /** What a documented example key is (e.g. `AWS secret access key`): published, not a live credential. */
  documentedExample?: string;
}

/**
 * Lints one file's text. Returns where and what, never the matched value.
 * @example await scanText('config/aws.ini', text) // → [{ line: 3, rule: 'aws', kind: 'AWSSecretAccessKey' }]
 */
export async function scanText(path: string, content: string): Promise<SecretHit[]> {
  const result = await lintSource({
    source: { content, filePath: path, contentType: 'text' },
    // Masking blanks every string in a report's data; our own details are rebuilt from the range.
    options: { config, maskSecrets: true },
  });
  const hits: (SecretHit & { own: boolean })[] = [];
  let settings: ReturnType<typeof assignments> | undefined;
  for (const m of result.messages) {
    const hit = {
      line: m.loc.start.line,
      rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
      kind: m.messageId,
      own: m.ruleId === CREDENTIAL_RULE_ID,
    };
    const value = content.slice(m.range[0], m.range[1]);
    if (hit.own && m.messageId === 'DocumentedExampleKey') {
      hits.push({
        ...hit,
        documentedExample: DOCUMENTED_EXAMPLES.find((e) => e.value === value)?.what ?? '',
      });
    } else if (hit.own) {
      settings ??= assignments(content, /\.json5?$/i.test(path));
      const key = settings.find((s) => s.start === m.range[0])?.key ?? '';
      hits.push({ ...hit, key, length: value.length, fingerprint: fingerprint(value) });
    } else hits.push(hit);
  }
  // A line a specific rule (AWS, Slack, private key…) already reported needs no generic finding too.
  const specific = new Set(hits.filter((h) => !h.own).map((h) => h.line));
  return hits
    .filter((h) => !(h.own && h.kind === 'GenericCredential' && specific.has(h.line)))
    .map(({ own, ...h }) => h);
}
