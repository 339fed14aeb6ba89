import { describe, expect, it } from 'vitest';
import { globMatcher } from './files.ts';

describe('document globs (picomatch)', () => {
  it.each([
    ['dr/**/*.md', 'dr/db/restore.md', true],
    ['dr/**/*.md', 'dr/restore.md', true],
    ['runbooks/*.md', 'runbooks/a/b.md', false],
    ['runbooks/[a-c]*.md', 'runbooks/backup.md', true],
    ['runbooks/[a-c]*.md', 'runbooks/restore.md', false],
    ['runbooks/[!a-c]*.md', 'runbooks/restore.md', true],
    ['runbooks/{db,web}.md', 'runbooks/web.md', true],
    ['runbooks/\\*.md', 'runbooks/*.md', true],
    ['runbooks/\\*.md', 'runbooks/x.md', false],
    ['runbook?.md', 'runbook1.md', true],
    ['*.md', 'a.MD', false],
  ])('%s vs %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected);
  });
});
