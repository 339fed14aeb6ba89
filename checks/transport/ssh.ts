/**
 * SSH transport (ssh2). Not built yet: issue "Hosts and containers" delivers it. Until then a
 * host with `transport: ssh` yields `error` outcomes that say so, never a fake result.
 */
import type { HostEntry } from '../../policies/types.ts';
import type { ProbeContext } from '../context.ts';
import { type CommandTransport, TransportError } from './command.ts';

export function createSshTransport(_ctx: ProbeContext, host: HostEntry): CommandTransport {
  return {
    host: host.name,
    run: async () => {
      throw new TransportError(`${host.name}: the SSH transport is not available in this build`, host.name);
    },
    close: async () => {},
  };
}
