/**
 * Picks the command transport for an inventory host: the local machine, or SSH. One transport
 * per host for the whole run (ctx.shared), closed when the run ends. ssh2 loads only when a
 * host is reached over SSH.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import type { CommandTransport } from './command.ts';
import { lazyTransport } from './lazy.ts';
import { LocalTransport } from './local.ts';

export function isLocalHost(host: HostEntry): boolean {
  return (host.transport ?? (host.address ? 'ssh' : 'local')) === 'local';
}

export function commandTransport(ctx: ProbeContext, host: HostEntry): CommandTransport {
  return ctx.shared(`command:${host.name}`, () => {
    const transport: CommandTransport = isLocalHost(host)
      ? new LocalTransport(host.name, { timeoutMs: ctx.options.timeoutMs, sudo: host.sudo })
      : lazyTransport(async () => (await import('./ssh.ts')).createSshTransport(ctx, host), {
          host: host.name,
        });
    ctx.onClose(() => transport.close());
    return transport;
  });
}
