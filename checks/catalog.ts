/** Every probe a policy's `check:` can name. Each area adds its list here. */
import { dockerProbes } from './docker/probes.ts';
import { gitProbes } from './git/probes.ts';
import { hostProbes } from './host/probes.ts';
import { ProbeRegistry } from './registry.ts';
import { tlsProbes } from './tls/probes.ts';

export const catalog = new ProbeRegistry([
  // areas register here, one spread per line
  ...hostProbes,
  ...dockerProbes,
  ...gitProbes,
  ...tlsProbes,
]);
