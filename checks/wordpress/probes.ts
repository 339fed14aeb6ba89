/** WordPress probes: per-site files on `host` targets, and what each site serves on `endpoint` targets. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { ReadError } from '../host/read.ts';
import { objectSchema } from '../params-schema.ts';
import { fromError, type ProbeResult, perSubject, subject } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { TransportError } from '../transport/command.ts';
import {
  type ConfigAccessParams,
  configAccessAll,
  debugOff,
  eachSite,
  fileEditOff,
} from './config-checks.ts';
import { wordpressHttpProbes } from './http-probes.ts';
import {
  type CoreVersionParams,
  coreVersion,
  dbCredentials,
  dbUsers,
  saltDigests,
  salts,
} from './secret-checks.ts';
import { type Site, type SitesParams, sitesCommand, wordpressSites } from './sites.ts';

const sitesSchema = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', pattern: '^/' },
  description: 'Site roots or globs of them (/srv/www/*): one subject per WordPress found',
};
const schema = (extra: Record<string, unknown> = {}, required: string[] = []) =>
  objectSchema({ sites: sitesSchema, ...extra }, ['sites', ...required]);

type Judge<P> = (target: string, sites: Site[], source: string, p: P) => ProbeResult;

function withSites<P extends SitesParams>(judge: Judge<P>) {
  return async (ctx: ProbeContext, host: HostEntry, p: P): Promise<ProbeResult> => {
    try {
      const { sites, source } = await wordpressSites(ctx, host, p);
      return judge(host.name, sites, source, p);
    } catch (err) {
      if (err instanceof ReadError || err instanceof TransportError)
        return fromError(err, { source: `${host.name}:wordpress` });
      throw err;
    }
  };
}

const plan = (_h: HostEntry, p: SitesParams) => [sitesCommand(p)];

export const wordpressProbes = [
  defineProbe<'host', SitesParams & ConfigAccessParams>({
    name: 'wordpress.config-access',
    summary:
      "Each site's wp-config.php is not readable by others nor owned by the web server (one subject per site)",
    target: 'host',
    subjects: true,
    params: schema({
      maxMode: {
        type: 'string',
        pattern: '^[0-7]{3,4}$',
        description: "Most permission bits (default '640')",
      },
      forbiddenOwners: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Owners refused (default www-data, nginx, apache, http)',
      },
    }),
    run: withSites((t, sites, source, p) => configAccessAll(t, sites, source, p)),
    plan,
  }),
  defineProbe<'host', SitesParams>({
    name: 'wordpress.debug',
    summary: 'WP_DEBUG is off in each site (and errors are not shown to visitors)',
    target: 'host',
    subjects: true,
    params: schema(),
    run: withSites((t, sites, source) => eachSite(t, sites, source, debugOff)),
    plan,
  }),
  defineProbe<'host', SitesParams>({
    name: 'wordpress.file-edit',
    summary: 'DISALLOW_FILE_EDIT is true in each site (no PHP editing from the dashboard)',
    target: 'host',
    subjects: true,
    params: schema(),
    run: withSites((t, sites, source) => eachSite(t, sites, source, fileEditOff)),
    plan,
  }),
  defineProbe<'host', SitesParams>({
    name: 'wordpress.salts',
    summary:
      "Each site's eight keys and salts are set, not placeholders, distinct and not shared with another site",
    target: 'host',
    subjects: true,
    params: schema(),
    run: withSites((t, sites, source) => {
      const digests = saltDigests(sites);
      return eachSite(t, sites, source, (s, c, ev) => salts(s, c, ev, digests));
    }),
    plan,
  }),
  defineProbe<'host', SitesParams>({
    name: 'wordpress.db-credentials',
    summary:
      "Each site's database credentials are not defaults (not root, not empty, not the sample's) and not shared",
    target: 'host',
    subjects: true,
    params: schema(),
    run: withSites((t, sites, source) => {
      const users = dbUsers(sites);
      return eachSite(t, sites, source, (s, c, ev) => dbCredentials(s, c, ev, users));
    }),
    plan,
  }),
  defineProbe<'host', SitesParams & CoreVersionParams>({
    name: 'wordpress.core-version',
    summary: "Each site's WordPress ($wp_version in wp-includes/version.php) is at least a minimum version",
    target: 'host',
    subjects: true,
    params: schema(
      { minVersion: { type: 'string', pattern: '^\\d+(\\.\\d+){0,2}$', description: "e.g. '6.4'" } },
      ['minVersion'],
    ),
    run: withSites((t, sites, source, p) =>
      perSubject(
        t,
        'WordPress sites',
        sites.map((s) => subject(s.root, coreVersion(s, p, source))),
        { source },
      ),
    ),
    plan,
  }),
  ...wordpressHttpProbes,
];
