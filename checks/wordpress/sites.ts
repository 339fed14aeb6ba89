/**
 * The WordPress sites of a host, read once per run: each directory matched by the `sites`
 * globs that holds WordPress (wp-includes/version.php or a wp-config.php), its wp-config.php
 * (in the root, or one level up as WordPress allows when that directory is no other install),
 * the file's mode and owner, and wp-includes/version.php. Files are read with sudo where the
 * host allows it (wp-config.php is rightly not readable by everyone), each at most 256 KiB,
 * base64 so no byte of a hostile file can break the framing. A matched directory the audit user
 * may not enter is a site that could not be read (error), never silently left out.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { ReadError, runPreferSudo, sourceOf } from '../host/read.ts';
import { type Command, type CommandTransport, sh } from '../transport/command.ts';
import { commandTransport } from '../transport/hosts.ts';
import { type PhpConstants, readPhpConstants } from './php-constants.ts';

export interface SitesParams {
  /** Site roots or globs of them, e.g. ['/srv/www/*', '/var/www/blog']. */
  sites: string[];
}

/** A file as read: its parsed constants, or why it could not be read or parsed. */
export type FileRead =
  | { ok: true; path: string; constants: PhpConstants }
  | { ok: false; path: string; error: string; missing?: boolean };

export interface Site {
  root: string;
  config: FileRead;
  /** `644 alpha www-data`, or the stat error. */
  mode: { ok: true; mode: string; owner: string; group: string } | { ok: false; error: string };
  version: FileRead;
}

const MAX_BYTES = 262_144;
const MAX_SITES = 5000;

/** The one command: a record per site, one field per line, tab-separated. */
export function sitesCommand(p: SitesParams): Command {
  return sh`IFS=; for p in ${p.sites}; do for d in $p; do [ -d "$d" ] || continue; if [ ! -x "$d" ] || [ ! -r "$d" ]; then printf 'site\\t%s\\t%s\\n' "$d" "$d/wp-config.php"; for i in 1 2; do printf 'err\\tPermission denied (cannot enter %s)\\n' "$d"; done; printf 'moderr\\tPermission denied\\n'; continue; fi; c="$d/wp-config.php"; if [ ! -e "$c" ] && [ -e "$d/../wp-config.php" ] && [ ! -e "$d/../wp-settings.php" ]; then c="$d/../wp-config.php"; fi; v="$d/wp-includes/version.php"; [ -e "$c" ] || [ -e "$v" ] || continue; printf 'site\\t%s\\t%s\\n' "$d" "$c"; for f in "$c" "$v"; do if [ ! -e "$f" ]; then printf 'missing\\n'; elif e=$(head -c 1 -- "$f" 2>&1 >/dev/null) && [ -z "$e" ]; then printf 'file\\t%s\\n' "$(head -c ${MAX_BYTES} -- "$f" | base64 -w0)"; else printf 'err\\t%s\\n' "$(printf %s "$e" | tr '\\t\\n' '  ')"; fi; done; if s=$(stat -L -c '%a %U %G' -- "$c" 2>&1); then printf 'mode\\t%s\\n' "$s"; else printf 'moderr\\t%s\\n' "$(printf %s "$s" | tr '\\t\\n' '  ')"; fi; done; done`;
}

function fileRead(line: string | undefined, path: string): FileRead {
  const [tag, value = ''] = (line ?? '').split('\t');
  if (tag === 'missing') return { ok: false, path, error: `${path} does not exist`, missing: true };
  if (tag === 'err')
    return { ok: false, path, error: `cannot read ${path}: ${value.split(': ').pop() || value}` };
  if (tag !== 'file')
    throw new ReadError(`unexpected line reading ${path}: ${JSON.stringify((line ?? '').slice(0, 60))}`);
  const source = Buffer.from(value, 'base64').toString('utf8');
  try {
    return { ok: true, path, constants: readPhpConstants(source, path) };
  } catch (err) {
    return { ok: false, path, error: `cannot parse ${path} as PHP: ${(err as Error).message.slice(0, 160)}` };
  }
}

/** Parses the command's output into sites; a record of another shape is a ReadError. */
export function parseSites(stdout: string): Site[] {
  const lines = stdout.split('\n').filter(Boolean);
  const sites: Site[] = [];
  for (let i = 0; i < lines.length; i += 4) {
    const [tag, root = '', config = ''] = (lines[i] ?? '').split('\t');
    if (tag !== 'site' || sites.length >= MAX_SITES)
      throw new ReadError(`unexpected site record: ${JSON.stringify((lines[i] ?? '').slice(0, 60))}`);
    const [modeTag, modeText = ''] = (lines[i + 3] ?? '').split('\t');
    const [mode = '', owner = '', group = ''] = modeText.split(' ');
    sites.push({
      root,
      config: fileRead(lines[i + 1], config),
      version: fileRead(lines[i + 2], `${root}/wp-includes/version.php`),
      mode:
        modeTag === 'mode' && /^[0-7]{3,4}$/.test(mode)
          ? { ok: true, mode, owner, group }
          : { ok: false, error: modeText || 'no stat answer' },
    });
  }
  return sites;
}

async function read(t: CommandTransport, p: SitesParams): Promise<{ sites: Site[]; source: string }> {
  const command = sitesCommand(p);
  const r = await runPreferSudo(t, command);
  if (r.exitCode !== 0)
    throw new ReadError(
      `${t.host}: reading the WordPress sites exited ${r.exitCode ?? 'by signal'}: ${r.stderr.trim().slice(-200) || 'no error output'}`,
    );
  return {
    sites: parseSites(r.stdout),
    source: sourceOf(t, { ...command, script: `WordPress sites under ${p.sites.join(' ')}` }),
  };
}

/** @example const { sites } = await wordpressSites(ctx, host, { sites: ['/srv/www/*'] }) */
export function wordpressSites(
  ctx: ProbeContext,
  host: HostEntry,
  p: SitesParams,
): Promise<{ sites: Site[]; source: string }> {
  return ctx.shared(`wordpress-sites:${host.name}:${JSON.stringify(p.sites)}`, () =>
    read(commandTransport(ctx, host), p),
  );
}
