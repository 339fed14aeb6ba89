/** Host probes wired to `host` targets: params schemas, transport lookup, plan commands. */
import type { HostEntry } from '../../policies/types.ts';
import { absolutePathSchema, objectSchema, stringsSchema } from '../params-schema.ts';
import { defineProbe } from '../registry.ts';
import { commandTransport } from '../transport/hosts.ts';
import { containerPortsOf } from './container-ports.ts';
import { type DiskParams, disk, diskCommands } from './disk.ts';
import { type Fail2banParams, fail2ban, fail2banCommands } from './fail2ban.ts';
import { type FileAgeParams, fileAge, fileAgeCommands } from './file-age.ts';
import { type FileModeParams, fileMode, fileModeCommands } from './file-mode.ts';
import { type ListeningParams, listening, listeningCommands } from './listening.ts';
import { type LoadParams, load, loadCommands } from './load.ts';
import { type MemoryParams, memory, memoryCommands } from './memory.ts';
import { type OomKillsParams, oomCommands, oomKills } from './oom-kills.ts';
import { hostParamsChecks } from './params-checks.ts';
import { type ServicesParams, services, servicesCommands } from './services.ts';
import { type SshdParams, sshdConfig, sshdPlan } from './sshd.ts';
import { type TimeSyncParams, timeSync, timeSyncPlan } from './time-sync.ts';

const strings = stringsSchema;
const percent = (description: string) => ({ type: 'number', minimum: 0, maximum: 100, description });
const object = objectSchema;
const absolutePath = absolutePathSchema;
const ports = { type: 'array', items: { type: 'integer', minimum: 1, maximum: 65535 } };

export const hostProbes = [
  defineProbe({
    name: 'host.listening',
    summary:
      'Each listening socket is on an allowed address range (default loopback) or an allowed port; scoped to ports, processes or containers',
    target: 'host',
    subjects: true,
    params: object({
      allowPorts: {
        ...ports,
        description: 'Ports that may listen on any address, wildcard included (default none)',
      },
      allowAddresses: strings(
        "Address ranges any port may listen on: CIDR ('10.0.0.0/8'), addresses, 'loopback', 'private' (default loopback)",
      ),
      protocols: { type: 'array', items: { enum: ['tcp', 'udp'] }, description: 'Default tcp and udp' },
      ports: { ...ports, description: 'Judge only sockets on these ports' },
      processes: strings(
        'Judge only sockets held by processes with these names (/proc/PID/comm, e.g. mariadbd)',
      ),
      containers: strings("Judge only the host ports these containers publish (the host's docker endpoint)"),
    }),
    validateParams: hostParamsChecks['host.listening'],
    run: (ctx, host: HostEntry, p: ListeningParams) =>
      listening(commandTransport(ctx, host), p ?? {}, containerPortsOf(ctx, host)),
    plan: () => listeningCommands(),
  }),
  defineProbe({
    name: 'host.disk',
    summary: 'Every mount stays below a usage threshold (one subject per mount)',
    target: 'host',
    subjects: true,
    params: object({
      maxPercent: percent('Highest usage allowed (default 85)'),
      mounts: strings('Mount points (default all real filesystems)'),
    }),
    run: (ctx, host: HostEntry, p: DiskParams) => disk(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => diskCommands(p),
  }),
  defineProbe({
    name: 'host.file-age',
    summary: 'The newest file under a path is younger than a maximum age',
    target: 'host',
    params: object(
      {
        path: absolutePath('File or directory searched recursively'),
        maxAgeHours: { type: 'number', exclusiveMinimum: 0 },
        pattern: { type: 'string', minLength: 1, description: 'find -name glob' },
      },
      ['path', 'maxAgeHours'],
    ),
    run: (ctx, host: HostEntry, p: FileAgeParams) => fileAge(commandTransport(ctx, host), p, ctx.options.now),
    plan: (_host: HostEntry, p) => fileAgeCommands(p),
  }),
  defineProbe({
    name: 'host.file-mode',
    summary:
      'Files grant no permission beyond a maximum mode (and have the expected owner); one subject per file of `paths`',
    target: 'host',
    subjects: true,
    params: {
      ...object(
        {
          path: absolutePath('The file'),
          paths: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', pattern: '^/' },
            description: 'Several files or globs, e.g. /var/www/*/wp-config.php: one subject per file',
          },
          maxMode: { type: 'string', pattern: '^[0-7]{3,4}$', description: "Octal, e.g. '640'" },
          owner: { type: 'string', minLength: 1 },
          group: { type: 'string', minLength: 1 },
        },
        ['maxMode'],
      ),
      oneOf: [{ required: ['path'] }, { required: ['paths'] }],
    },
    run: (ctx, host: HostEntry, p: FileModeParams) => fileMode(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => fileModeCommands(p),
  }),
  defineProbe({
    name: 'host.sshd',
    summary:
      "sshd's global settings have the expected values (sshd -T; without root, its configuration files with Include and Match)",
    target: 'host',
    params: object(
      {
        settings: {
          type: 'object',
          additionalProperties: { type: 'string' },
          minProperties: 1,
          description: 'keyword: value',
        },
        config: absolutePath('sshd_config path when not the default'),
      },
      ['settings'],
    ),
    validateParams: hostParamsChecks['host.sshd'],
    run: (ctx, host: HostEntry, p: SshdParams) => sshdConfig(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => sshdPlan(p),
  }),
  defineProbe({
    name: 'host.fail2ban',
    summary: 'fail2ban runs each expected jail (one subject per jail)',
    target: 'host',
    subjects: true,
    params: object(
      { jails: strings('Jails that must be running'), socket: absolutePath('fail2ban server socket') },
      ['jails'],
    ),
    run: (ctx, host: HostEntry, p: Fail2banParams) => fail2ban(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => fail2banCommands(p),
  }),
  defineProbe({
    name: 'host.services',
    summary:
      'Each service is running (systemd, or pidfile / process table under another init); one subject per service',
    target: 'host',
    subjects: true,
    params: object(
      {
        services: {
          type: 'array',
          minItems: 1,
          items: {
            oneOf: [
              { type: 'string', minLength: 1 },
              object(
                {
                  name: { type: 'string', minLength: 1 },
                  pidfile: absolutePath('Pidfile'),
                  process: { type: 'string' },
                },
                ['name'],
              ),
            ],
          },
        },
      },
      ['services'],
    ),
    run: (ctx, host: HostEntry, p: ServicesParams) => services(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => servicesCommands(p),
  }),
  defineProbe({
    name: 'host.oom-kills',
    summary: 'The kernel killed no process for lack of memory in the last N hours',
    target: 'host',
    params: object({ hours: { type: 'number', exclusiveMinimum: 0 } }, ['hours']),
    run: (ctx, host: HostEntry, p: OomKillsParams) => oomKills(commandTransport(ctx, host), p),
    plan: (_host: HostEntry, p) => Object.values(oomCommands(p)),
  }),
  defineProbe({
    name: 'host.memory',
    summary: 'Memory in use stays below a threshold',
    target: 'host',
    params: object({ maxPercent: percent('Highest share of memory in use') }, ['maxPercent']),
    run: (ctx, host: HostEntry, p: MemoryParams) => memory(commandTransport(ctx, host), p),
    plan: () => memoryCommands(),
  }),
  defineProbe({
    name: 'host.load',
    summary: 'Load average per core stays below a threshold',
    target: 'host',
    params: object({ maxPerCore: { type: 'number', minimum: 0 }, window: { enum: [1, 5, 15] } }, [
      'maxPerCore',
    ]),
    run: (ctx, host: HostEntry, p: LoadParams) => load(commandTransport(ctx, host), p),
    plan: () => loadCommands(),
  }),
  defineProbe({
    name: 'host.time-sync',
    summary: 'The clock is synchronised (timedatectl, chronyc or the kernel NTP state)',
    target: 'host',
    params: object({}),
    run: (ctx, host: HostEntry, p: TimeSyncParams) => timeSync(commandTransport(ctx, host), p),
    plan: () => timeSyncPlan(),
  }),
];
