/**
 * The sshd keyword list against the real sshd: every keyword the installed sshd's `sshd -T`
 * prints (a host key generated here, an empty config) is known, and typos are refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SSHD_KEYWORDS, sshdParamsProblems } from './sshd-keywords.ts';

const SSHD = '/usr/sbin/sshd';

describe('sshd keywords', () => {
  // openssh-server is a lab package (fixtures/lab/install.sh): this runs in CI, never skips.
  it('include every keyword the installed sshd -T prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'readyspec-sshd-keywords-'));
    let out: string;
    try {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
      out = execFileSync(SSHD, ['-T', '-f', '/dev/null', '-h', join(dir, 'key')], { encoding: 'utf8' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const printed = [
      ...new Set(
        out
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' ')[0]),
      ),
    ];
    expect(printed.length).toBeGreaterThan(50);
    expect(printed.filter((k) => !SSHD_KEYWORDS.has(k))).toEqual([]);
  });

  it.each([
    [{ PermitRootLogin: 'no', passwordauthentication: 'no', X11FORWARDING: 'no' }, []],
    [{ ChallengeResponseAuthentication: 'no' }, []],
    [
      { PermitRootLogn: 'no' },
      [
        {
          path: '/settings/PermitRootLogn',
          message: expect.stringMatching(/did you mean permitrootlogin\?/),
        },
      ],
    ],
    [{ Match: 'all' }, [{ path: '/settings/Match', message: expect.stringMatching(/block, not a setting/) }]],
    [{ 'a/b': 'x' }, [{ path: '/settings/a~1b', message: expect.stringMatching(/not an sshd_config/) }]],
  ])('%o', (settings, problems) => {
    expect(sshdParamsProblems({ settings })).toEqual(problems);
  });
});
