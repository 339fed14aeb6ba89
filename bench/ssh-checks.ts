/**
 * The 50 command controls per host of the SSH benchmark, and how each is judged, so readyspec,
 * Testinfra and the bare loop run the same commands and the same verdicts.
 */
import { existsSync, statSync } from 'node:fs';
import { diskCommands } from '../checks/host/disk.ts';
import { fileAgeCommands } from '../checks/host/file-age.ts';
import { fileModeCommands } from '../checks/host/file-mode.ts';
import { memoryCommands } from '../checks/host/memory.ts';

export interface BenchCheck {
  probe: 'host.file-mode' | 'host.disk' | 'host.memory' | 'host.file-age';
  params: Record<string, unknown>;
  /** The one command it runs (for Testinfra and the bare loop). */
  script: string;
  /** How Testinfra's version judges the output: mode | df | mem | age. */
  kind: 'mode' | 'df' | 'mem' | 'age';
  limit: number;
}

const FILES = [
  'passwd',
  'group',
  'hostname',
  'hosts',
  'shells',
  'fstab',
  'issue',
  'issue.net',
  'debian_version',
  'host.conf',
  'login.defs',
  'inputrc',
  'gai.conf',
  'environment',
  'bash.bashrc',
  'ld.so.conf',
  'deluser.conf',
  'adduser.conf',
  'magic',
  'magic.mime',
  'ethertypes',
  'locale.gen',
  'locale.alias',
  'manpath.config',
  'mime.types',
  'nsswitch.conf',
  'profile',
  'protocols',
  'services',
  'networks',
  'os-release',
  'timezone',
  'mke2fs.conf',
  'xattr.conf',
  'sysctl.conf',
].filter((f) => existsSync(`/etc/${f}`) && (statSync(`/etc/${f}`).mode & 0o7133) === 0);

/** Exactly 50 checks; every one passes on a healthy lab host. */
export function benchChecks(): BenchCheck[] {
  const checks: BenchCheck[] = [];
  for (const f of FILES.slice(0, 35)) {
    const params = { path: `/etc/${f}`, maxMode: '644' };
    checks.push({
      probe: 'host.file-mode',
      params,
      script: fileModeCommands(params)[0].script,
      kind: 'mode',
      limit: 0o644,
    });
  }
  for (const mount of ['/', '/dev', '/etc', '/usr', '/var', '/tmp', '/home']) {
    const params = { maxPercent: 99, mounts: [mount] };
    checks.push({
      probe: 'host.disk',
      params,
      script: diskCommands(params)[0].script,
      kind: 'df',
      limit: 99,
    });
  }
  for (const max of [96, 97, 98, 99]) {
    checks.push({
      probe: 'host.memory',
      params: { maxPercent: max },
      script: memoryCommands()[0].script,
      kind: 'mem',
      limit: max,
    });
  }
  while (checks.length < 50) {
    const params = { path: `/etc/${FILES[checks.length % FILES.length]}`, maxAgeHours: 1e7 };
    checks.push({
      probe: 'host.file-age',
      params,
      script: fileAgeCommands(params)[0].script,
      kind: 'age',
      limit: 1e7,
    });
  }
  return checks.slice(0, 50);
}
