/**
 * Where a run came from, for results.json and every document's header: the readyspec version,
 * a digest of the policy's bytes (and its git commit when the policy lives in a repository),
 * the host that graded the run, when it started and how long it took. An auditor can then tell
 * which rules and which tool produced a signed document, and whether two runs used the same.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { text } from './format.ts';

export interface Provenance {
  /** readyspec's version (its package.json). */
  readyspec: string;
  policy: {
    /** `sha256:<hex>` over every policy file's bytes (packs it extends included), in a stable order. */
    digest: string;
    files: number;
    /** `git rev-parse HEAD` of the repository holding the policy; null outside a repository. */
    commit: string | null;
  };
  /** The machine that graded the run (for a merge, the one that merged). */
  host: string;
  /** ISO timestamp: READYSPEC_NOW when pinned (reproducible documents), else when the run began. */
  startedAt: string;
  /** Wall-clock milliseconds from the run's start to the grading; null when not measured. */
  durationMs: number | null;
}

let version: string | undefined;

/** readyspec's version, from the package.json above this module (source or prebuilt build). */
export function readyspecVersion(): string {
  version ??= findVersion();
  return version;
}

function findVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'readyspec' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/**
 * sha256 over the policy files: each file hashed, the file hashes sorted and hashed again, so
 * the digest depends on the bytes alone, not on where the policy or the packs were checked out.
 * @example await policyDigest(['/srv/policy/inventory.yaml', '/srv/policy/controls.yaml'])
 */
export async function policyDigest(files: readonly string[]): Promise<string> {
  const each = await Promise.all(
    [...new Set(files)].map(async (f) =>
      createHash('sha256')
        .update(await readFile(f))
        .digest('hex'),
    ),
  );
  const all = createHash('sha256');
  for (const h of each.sort()) all.update(`${h}\n`);
  return `sha256:${all.digest('hex')}`;
}

/** HEAD of the git repository holding `dir`, or null (no git, no repository, unreadable). Read-only. */
export function gitCommit(dir: string, timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD'],
      // No optional locks: reading provenance never refreshes the repository's index.
      { timeout: timeoutMs, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, encoding: 'utf8' },
      (err, stdout) => {
        const commit = String(stdout ?? '').trim();
        resolve(!err && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null);
      },
    );
  });
}

/** The provenance of a run of `policy` that started at `startedAt` and is graded now. */
export async function collectProvenance(
  policy: { files: readonly string[]; baseDir: string },
  run: { startedAt: Date; durationMs: number | null },
): Promise<Provenance> {
  const [digest, commit] = await Promise.all([policyDigest(policy.files), gitCommit(policy.baseDir)]);
  return {
    readyspec: readyspecVersion(),
    policy: { digest, files: new Set(policy.files).size, commit },
    host: hostname(),
    startedAt: run.startedAt.toISOString(),
    durationMs: run.durationMs === null ? null : Math.round(run.durationMs),
  };
}

/** "4.2 s", "1 min 3 s": the duration as the header shows it. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The header line of every document (Markdown; HTML renders it). */
export function provenanceLine(p: Provenance): string {
  const commit = p.policy.commit ? `, git commit \`${p.policy.commit}\`` : '';
  const took = p.durationMs === null ? '' : ` · took ${formatDuration(p.durationMs)}`;
  return `_readyspec ${text(p.readyspec)} · policy \`${p.policy.digest}\` (${p.policy.files} ${p.policy.files === 1 ? 'file' : 'files'}${commit}) · host ${text(p.host)} · started ${p.startedAt}${took}_`;
}

/** Puts the provenance line under a document's first heading (and any note right under it). */
export function markProvenance(markdown: string, p: Provenance | undefined): string {
  if (!p) return markdown;
  const line = provenanceLine(p);
  const heading = /^# .*$/m.exec(markdown);
  if (!heading) return `${line}\n\n${markdown}`;
  let at = heading.index + heading[0].length;
  // A PARTIAL note (a quote block right under the title) stays first: it is what a reader must see.
  const note = /^\n\n(?:> .*\n?)+/.exec(markdown.slice(at));
  if (note) at += note[0].replace(/\n$/, '').length;
  return `${markdown.slice(0, at)}\n\n${line}${markdown.slice(at)}`;
}
