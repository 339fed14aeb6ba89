/**
 * secretlint's recommended rules over one file's text.
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

secretLintProfiler.mark = () => {};

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

export interface SecretHit {
  line: number;
  /** secretlint rule without its package prefix, e.g. `aws`, `privatekey`. */
  rule: string;
  /** The rule's message id, e.g. `AWSSecretAccessKey`. */
  kind: string;
}

/**
 * Lints one file's text. Returns where and what, never the matched value.
 * @example await scanText('config/aws.ini', text) // → [{ line: 3, rule: 'aws', kind: 'AWSSecretAccessKey' }]
 */
export async function scanText(path: string, content: string): Promise<SecretHit[]> {
  const result = await lintSource({
    source: { content, filePath: path, contentType: 'text' },
    options: { config, maskSecrets: true },
  });
  // `message` and `data` carry the (masked) secret: only position and rule leave.
  return result.messages.map((m) => ({
    line: m.loc.start.line,
    rule: m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ''),
    kind: m.messageId,
  }));
}
