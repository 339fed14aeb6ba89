/**
 * Per-site backups on a host (one subject per site): the site's own directory (not one shared
 * by every site, compared after resolving links), its newest database dump and files archive
 * within the age limit, and their integrity, not only their size: the gzip stream is whole
 * (`gzip -t`), the dump ends with mariadb-dump's `-- Dump completed` marker when it has
 * mariadb-dump's header, the archive lists (`tar -t`). A dump written with --skip-comments has
 * no marker to check (mariadb-dump's header, after 10.11's sandbox line, names the tool): that is an error (cannot tell), never a pass.
 */

import { guarded, ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import {
  type Evidence,
  fail,
  inconclusive,
  type Json,
  type ProbeResult,
  pass,
  perSubject,
  subject,
} from '../probe.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';

export interface SiteBackupsParams {
  /** Site names; `{site}` in `directory` becomes each. */
  sites: string[];
  /** The site's backup directory, e.g. /var/backups/sites/{site}. */
  directory: string;
  maxAgeHours: number;
}

/** Per site: `dir`, resolved dir, then `dump`/`archive` lines with mtime, size, checks. */
export function siteBackupsCommand(p: SiteBackupsParams): Command {
  const dirs = p.sites.map((s) => p.directory.replaceAll('{site}', s));
  return sh`for d in ${dirs}; do printf 'dir\\t%s\\t%s\\n' "$d" "$(readlink -f -- "$d" 2>&1)"; if [ ! -d "$d" ]; then printf 'nodir\\n'; continue; fi; f=$(ls -t -- "$d"/*.sql.gz "$d"/*.sql 2>/dev/null | head -n 1); if [ -n "$f" ]; then case "$f" in *.gz) gzip -t -- "$f" 2>/dev/null && g=ok || g=bad; h=$(gzip -dc -- "$f" 2>/dev/null | head -c 400 | tr '\\n' ' '); t=$(gzip -dc -- "$f" 2>/dev/null | tail -c 200 | tr '\\n' ' ');; *) g=plain; h=$(head -c 400 -- "$f" | tr '\\n' ' '); t=$(tail -c 200 -- "$f" | tr '\\n' ' ');; esac; printf 'dump\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$(stat -c '%Y %s' -- "$f")" "$f" "$g" "$(printf %s "$h" | tr '\\t' ' ')" "$(printf %s "$t" | tr '\\t' ' ')"; else printf 'nodump\\n'; fi; a=$(ls -t -- "$d"/*.tar.gz "$d"/*.tgz "$d"/*.tar 2>/dev/null | head -n 1); if [ -n "$a" ]; then n=$(tar -tf "$a" 2>/dev/null | wc -l) && tar -tf "$a" >/dev/null 2>&1 && s=ok || s=bad; printf 'archive\\t%s\\t%s\\t%s\\t%s\\n' "$(stat -c '%Y %s' -- "$a")" "$a" "$s" "$n"; else printf 'noarchive\\n'; fi; done`;
}

interface Record {
  dir: string;
  real: string;
  lines: string[];
}

function records(stdout: string): Record[] {
  const out: Record[] = [];
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [tag, a = '', b = ''] = line.split('\t');
    if (tag === 'dir') out.push({ dir: a, real: b, lines: [] });
    else if (out.length) out[out.length - 1]?.lines.push(line);
    else throw new ReadError(`unexpected backup listing line ${JSON.stringify(line.slice(0, 60))}`);
  }
  return out;
}

function judgeSite(
  name: string,
  r: Record,
  shared: string[],
  p: SiteBackupsParams,
  now: Date,
  ev: Evidence,
): ProbeResult {
  if (r.lines[0] === 'nodir') return fail(`${name}: no backup directory ${r.dir}`, ev);
  const problems: string[] = [];
  const unknown: string[] = [];
  const observed: { [key: string]: Json } = {};
  if (shared.length) problems.push(`${r.dir} is the same directory as ${shared.join(', ')}'s (${r.real})`);
  const age = (mtime: string) => (now.getTime() - Number(mtime) * 1000) / 3_600_000;
  const dump = r.lines.find((l) => l.startsWith('dump\t'));
  if (!dump) problems.push('no database dump');
  else {
    const [, stat = '', file = '', gzip = '', head = '', tail = ''] = dump.split('\t');
    const [mtime = '0', size = '0'] = stat.split(' ');
    observed.dump = { file, bytes: Number(size), ageHours: Math.round(age(mtime) * 10) / 10 };
    if (age(mtime) > p.maxAgeHours)
      problems.push(`newest dump ${file} is ${Math.round(age(mtime))} h old (limit ${p.maxAgeHours} h)`);
    if (gzip === 'bad') problems.push(`dump ${file} is not a whole gzip stream (gzip -t fails)`);
    else if (/-- (MariaDB|MySQL) dump/.test(head) && !/-- Dump completed/.test(tail))
      problems.push(`dump ${file} is truncated (no "-- Dump completed" at its end)`);
    else if (!/-- (MariaDB|MySQL) dump/.test(head))
      unknown.push(`dump ${file} has no mariadb-dump header: its completeness cannot be checked`);
  }
  const archive = r.lines.find((l) => l.startsWith('archive\t'));
  if (!archive) problems.push('no files archive');
  else {
    const [, stat = '', file = '', listed = '', count = '0'] = archive.split('\t');
    const [mtime = '0', size = '0'] = stat.split(' ');
    observed.archive = {
      file,
      bytes: Number(size),
      entries: Number(count.trim()),
      ageHours: Math.round(age(mtime) * 10) / 10,
    };
    if (age(mtime) > p.maxAgeHours)
      problems.push(`newest archive ${file} is ${Math.round(age(mtime))} h old (limit ${p.maxAgeHours} h)`);
    if (listed !== 'ok' || Number(count.trim()) === 0)
      problems.push(`archive ${file} does not list (tar -t fails or it is empty)`);
  }
  const e = { ...ev, observed };
  if (problems.length) return fail(`${name}: ${problems.join('; ')}`, e);
  if (unknown.length) return inconclusive(`${name}: ${unknown.join('; ')}`, e);
  return pass(`${name}: own directory, dump and archive within ${p.maxAgeHours} h and whole`, e);
}

/**
 * @example await siteBackups(ssh, { sites: ['blog', 'shop'], directory: '/var/backups/sites/{site}', maxAgeHours: 26 }, new Date())
 */
export async function siteBackups(
  t: CommandTransport,
  p: SiteBackupsParams,
  now: Date,
): Promise<ProbeResult> {
  const command = siteBackupsCommand(p);
  const source = sourceOf(t, {
    ...command,
    script: `backups of ${p.sites.length} sites under ${p.directory}`,
  });
  return guarded(source, async () => {
    const r = await runPreferSudo(t, command);
    if (r.exitCode !== 0)
      throw new ReadError(
        `${t.host}: reading the site backups exited ${r.exitCode ?? 'by signal'}: ${r.stderr.trim().slice(-200)}`,
      );
    const recs = records(r.stdout);
    if (recs.length !== p.sites.length)
      throw new ReadError(`${t.host}: ${recs.length} backup records for ${p.sites.length} sites`);
    const subjects = p.sites.map((name, i) => {
      const rec = recs[i] as Record;
      const shared = p.sites.filter(
        (_other, j) => j !== i && recs[j]?.real === rec.real && rec.lines[0] !== 'nodir',
      );
      return subject(name, judgeSite(name, rec, shared, p, now, { source, directory: rec.dir }));
    });
    return perSubject(t.host, 'sites', subjects, { source });
  });
}
