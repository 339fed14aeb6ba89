/** MariaDB probes on `host` targets: read-only SQL through the host's own client over SSH. */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { ReadError } from '../host/read.ts';
import { absolutePathSchema, objectSchema, stringsSchema } from '../params-schema.ts';
import { fromError, type ProbeResult } from '../probe.ts';
import { defineProbe } from '../registry.ts';
import { TransportError } from '../transport/command.ts';
import { authentication, noAnonymous, type RootLocalParams, rootLocal } from './account-checks.ts';
import { clientCommand, type MariaDbConnection } from './client.ts';
import { type SiteGrantsParams, siteGrants } from './grant-checks.ts';
import { mariadbParamsChecks } from './params-checks.ts';
import { type BindAddressParams, bindAddress, serverVersion, type VersionParams } from './server-checks.ts';
import { grantsOf, SERVER_SQL, type ServerSnapshot, serverSnapshot } from './snapshot.ts';

const secretRef = {
  type: 'object',
  oneOf: [
    { additionalProperties: false, required: ['env'], properties: { env: { type: 'string', minLength: 1 } } },
    {
      additionalProperties: false,
      required: ['file'],
      properties: { file: { type: 'string', minLength: 1 } },
    },
  ],
};

/** How to reach the server: every MariaDB probe takes these. */
const connection = {
  user: {
    type: 'string',
    pattern: '^[^\\s]{1,80}$',
    description: 'MariaDB account (default: the SSH user, by socket authentication)',
  },
  password: { ...secretRef, description: '{env: NAME} or {file: path}: sent on stdin as an option file' },
  socket: absolutePathSchema("The server's socket on the host"),
  address: {
    type: 'string',
    pattern: '^[0-9A-Fa-f.:]+$',
    description: 'TCP address on the host instead of the socket',
  },
  port: { type: 'integer', minimum: 1, maximum: 65535 },
  defaultsFile: absolutePathSchema(
    'Option file on the host holding the credentials (e.g. /etc/mysql/debian.cnf)',
  ),
  sudo: { type: 'boolean', description: "Run the client with sudo -n (root's socket authentication)" },
  client: { type: 'string', enum: ['mariadb', 'mysql'], description: 'Client program (default mariadb)' },
};

const schema = (extra: Record<string, unknown> = {}, required: string[] = []) =>
  objectSchema({ ...connection, ...extra }, required);

type Judge<P> = (
  target: string,
  snapshot: ServerSnapshot,
  p: P,
  ctx: ProbeContext,
  host: HostEntry,
) => ProbeResult | Promise<ProbeResult>;

/** Reads the run's snapshot of the server and judges it; what could not be read is an `error`. */
function withServer<P extends MariaDbConnection>(judge: Judge<P>) {
  return async (ctx: ProbeContext, host: HostEntry, p: P): Promise<ProbeResult> => {
    const c = connectionOf(p ?? ({} as P));
    try {
      return await judge(host.name, await serverSnapshot(ctx, host, c), p ?? ({} as P), ctx, host);
    } catch (err) {
      if (err instanceof ReadError || err instanceof TransportError)
        return fromError(err, { source: `${host.name}:mariadb` });
      throw err;
    }
  };
}

function connectionOf(p: MariaDbConnection): MariaDbConnection {
  const { user, password, socket, address, port, defaultsFile, sudo, client } = p;
  return Object.fromEntries(
    Object.entries({ user, password, socket, address, port, defaultsFile, sudo, client }).filter(
      ([, v]) => v !== undefined,
    ),
  ) as MariaDbConnection;
}

const plan = (_host: HostEntry, p: MariaDbConnection) => [
  clientCommand(connectionOf(p ?? {}), [...SERVER_SQL], 10_000),
];

export const mariadbProbes = [
  defineProbe<'host', MariaDbConnection>({
    name: 'mariadb.anonymous-accounts',
    summary: 'MariaDB has no anonymous account (one subject per anonymous account found)',
    target: 'host',
    subjects: true,
    params: schema(),
    validateParams: mariadbParamsChecks['mariadb.anonymous-accounts'],
    run: withServer((t, s) => noAnonymous(t, s)),
    plan,
  }),
  defineProbe<'host', MariaDbConnection>({
    name: 'mariadb.authentication',
    summary: 'Every MariaDB account has a password or an authentication plugin (one subject per account)',
    target: 'host',
    subjects: true,
    params: schema(),
    validateParams: mariadbParamsChecks['mariadb.authentication'],
    run: withServer((t, s) => authentication(t, s)),
    plan,
  }),
  defineProbe<'host', MariaDbConnection & RootLocalParams>({
    name: 'mariadb.root-local',
    summary: 'MariaDB root (or the named admin users) logs in only from localhost (one subject per account)',
    target: 'host',
    subjects: true,
    params: schema({ users: stringsSchema("Administrative user names (default ['root'])") }),
    validateParams: mariadbParamsChecks['mariadb.root-local'],
    run: withServer((t, s, p) => rootLocal(t, s, p)),
    plan,
  }),
  defineProbe<'host', MariaDbConnection & SiteGrantsParams>({
    name: 'mariadb.site-grants',
    summary:
      "Each site's database user is granted only on its own database (SHOW GRANTS; one subject per account)",
    target: 'host',
    subjects: true,
    params: schema({
      sites: {
        type: 'array',
        items: objectSchema(
          { user: { type: 'string', minLength: 1 }, database: { type: 'string', minLength: 1 } },
          ['user', 'database'],
        ),
        description:
          'Site users and their databases; without it, each account must be granted on one database at most',
      },
      admins: stringsSchema(
        'User names allowed wider privileges (default root, mariadb.sys, mysql, debian-sys-maint)',
      ),
    }),
    validateParams: mariadbParamsChecks['mariadb.site-grants'],
    run: withServer(async (t, s, p, ctx, host) => {
      if (!s.accounts.ok) return siteGrants(t, s, new Map(), p);
      return siteGrants(t, s, await grantsOf(ctx, host, connectionOf(p), s.accounts.value), p);
    }),
    plan,
  }),
  defineProbe<'host', MariaDbConnection & BindAddressParams>({
    name: 'mariadb.bind-address',
    summary:
      'MariaDB listens only on allowed addresses (bind_address; default loopback) or not on TCP at all',
    target: 'host',
    params: schema({
      allowAddresses: stringsSchema("CIDR ranges, addresses, 'loopback' or 'private' (default loopback)"),
    }),
    validateParams: mariadbParamsChecks['mariadb.bind-address'],
    run: withServer((t, s, p) => bindAddress(t, s, p)),
    plan,
  }),
  defineProbe<'host', MariaDbConnection & VersionParams>({
    name: 'mariadb.version',
    summary: 'The MariaDB server is at least a minimum version',
    target: 'host',
    params: schema(
      { minVersion: { type: 'string', pattern: '^\\d+(\\.\\d+){0,2}$', description: "e.g. '10.11.6'" } },
      ['minVersion'],
    ),
    validateParams: mariadbParamsChecks['mariadb.version'],
    run: withServer((t, s, p) => serverVersion(t, s, p)),
    plan,
  }),
];
