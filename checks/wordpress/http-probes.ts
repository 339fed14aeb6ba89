/** The WordPress probes on `endpoint` targets (a site's base URL): what it serves anonymous visitors. */
import { resolveEndpoint } from '../http/endpoint.ts';
import { objectSchema } from '../params-schema.ts';
import { defineProbe } from '../registry.ts';
import { httpTransport } from '../transport/http-pool.ts';
import {
  type EnumerationParams,
  type ListingParams,
  uploadsListing,
  userEnumeration,
  versionExposure,
  xmlrpc,
} from './http-checks.ts';
import { type LeftoverParams, leftovers } from './leftovers.ts';

const paths = (description: string) => ({
  type: 'array',
  items: { type: 'string', pattern: '^[^\\s]+$' },
  description,
});

export const wordpressHttpProbes = [
  defineProbe<'endpoint', Record<string, never>>({
    name: 'wordpress.xmlrpc',
    summary: 'xmlrpc.php is refused or protected (does not answer as the XML-RPC server)',
    target: 'endpoint',
    params: objectSchema({}),
    run: (ctx, e) => xmlrpc(httpTransport(ctx), resolveEndpoint(ctx, e)),
  }),
  defineProbe<'endpoint', Record<string, never>>({
    name: 'wordpress.version-exposure',
    summary: 'No readme.html and no WordPress generator tag (home page, feed, link OPML)',
    target: 'endpoint',
    params: objectSchema({}),
    run: (ctx, e) => versionExposure(httpTransport(ctx), resolveEndpoint(ctx, e)),
  }),
  defineProbe<'endpoint', ListingParams>({
    name: 'wordpress.uploads-listing',
    summary: 'No directory listing under wp-content/uploads (and wp-content)',
    target: 'endpoint',
    params: objectSchema({
      paths: paths('Paths relative to the site (default wp-content/uploads/, wp-content/)'),
    }),
    run: (ctx, e, p) => uploadsListing(httpTransport(ctx), resolveEndpoint(ctx, e), p ?? {}),
  }),
  defineProbe<'endpoint', LeftoverParams>({
    name: 'wordpress.leftovers',
    summary:
      'No downloadable backup or editor leftover at the web root (wp-config.php.bak, ~, .swp, .sql, .zip, .tar.gz…)',
    target: 'endpoint',
    params: objectSchema({ extra: paths('More file names to try at the web root') }),
    run: (ctx, e, p) => leftovers(httpTransport(ctx), resolveEndpoint(ctx, e), p ?? {}),
  }),
  defineProbe<'endpoint', EnumerationParams>({
    name: 'wordpress.user-enumeration',
    summary: 'User names cannot be enumerated (/?author=1, the REST API user list)',
    target: 'endpoint',
    params: objectSchema({
      author: { type: 'boolean', description: 'Judge /?author=1 (default true)' },
      rest: { type: 'boolean', description: 'Judge /wp-json/wp/v2/users (default true)' },
    }),
    run: (ctx, e, p) => userEnumeration(httpTransport(ctx), resolveEndpoint(ctx, e), p ?? {}),
  }),
];
