/** Which runs are partial, and how their documents say so. */
import { describe, expect, it } from 'vitest';
import { markPartial, partialOf, partialTitle, type RunScope } from './partial.ts';

describe('partialOf', () => {
  const cases: [string, RunScope, string | undefined][] = [
    ['a whole run', {}, undefined],
    ['--bail given, nothing cancelled', { bail: 1 }, undefined],
    ['one shard of one', { shard: { index: 1, count: 1 } }, undefined],
    ['a merge of shards', { shard: { index: 1, count: 2 }, mergeReports: '.vitest-reports' }, undefined],
    ['every spec file', { files: { ran: 9, total: 9 } }, undefined],
    ['-t', { testNamePattern: /SEC-TLS/ }, 'only tests whose name matches -t "SEC-TLS" ran'],
    ['--tags', { tagsFilter: ['nightly'] }, 'only tests tagged nightly ran'],
    [
      'a file filter',
      { files: { ran: 1, total: 9 } },
      "only 1 of the audit's 9 spec files ran (file filter)",
    ],
    ['a shard alone', { shard: { index: 2, count: 4 } }, 'shard 2/4 graded without --merge-reports'],
    ['--bail', { bail: 3, cancelled: 'test-failure' }, 'stopped by --bail=3 before every test ran'],
    ['Ctrl-C', { cancelled: 'keyboard-input' }, 'cancelled (keyboard-input) before every test ran'],
    [
      'a merge of every shard',
      { mergeReports: 'b', mergedShards: [{ count: 3, present: [1, 2, 3] }] },
      undefined,
    ],
    [
      'a merge missing shards',
      { mergeReports: 'b', mergedShards: [{ count: 4, present: [1, 3] }] },
      'the merged blobs hold shard 1, 3 of 4 (missing 2, 4)',
    ],
    [
      'several at once',
      { testNamePattern: /x/, shard: { index: 1, count: 2 } },
      'only tests whose name matches -t "x" ran; shard 1/2 graded without --merge-reports',
    ],
  ];
  it.each(cases)('%s', (_, scope, reason) => {
    expect(partialOf(scope)?.reason).toBe(reason);
  });
});

describe('markPartial', () => {
  const partial = { reason: 'only tests whose name matches -t "SEC_*" ran' };

  it('leaves a whole run untouched', () => {
    expect(markPartial('# Security audit 2026-01-15\n\nbody\n', undefined)).toBe(
      '# Security audit 2026-01-15\n\nbody\n',
    );
    expect(partialTitle('Security audit', undefined)).toBe('Security audit');
  });

  it('marks the first heading and says why, with the user pattern kept as text', () => {
    const md = markPartial('# Security audit 2026-01-15\n\n- **Grade:** A\n\n## Findings\n', partial);
    expect(md).toBe(
      '# PARTIAL — Security audit 2026-01-15\n\n> **PARTIAL RUN — not the whole policy.** only tests whose name matches -t "SEC\\_\\*" ran. This document is not the day\'s assessment and is not recorded in the run history.\n\n- **Grade:** A\n\n## Findings\n',
    );
    expect(partialTitle('Security audit', partial)).toBe('PARTIAL — Security audit');
  });

  it('adds a heading to a document without one', () => {
    expect(markPartial('body\n', partial).split('\n')[0]).toBe('# PARTIAL');
  });
});
