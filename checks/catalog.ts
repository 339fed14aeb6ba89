/** Every probe a policy's `check:` can name. Each area adds its list here. */
import { acceptanceProbes } from './acceptance/probes.ts';
import { backupProbes } from './backup/probes.ts';
import { dnsProbes } from './dns/probes.ts';
import { dockerProbes } from './docker/probes.ts';
import { docsProbes } from './docs/probes.ts';
import { fleetProbes } from './fleet/probes.ts';
import { gitProbes } from './git/probes.ts';
import { githubProbes } from './github/probes.ts';
import { hostProbes } from './host/probes.ts';
import { httpJsonProbe } from './http/json-probe.ts';
import { httpProbes } from './http/probes.ts';
import { logsProbes } from './logs/probes.ts';
import { mariadbProbes } from './mariadb/probes.ts';
import { monitoringProbes } from './monitoring/probes.ts';
import { nginxProbes } from './nginx/probes.ts';
import { phpProbes } from './php/probes.ts';
import { ProbeRegistry } from './registry.ts';
import { tlsProbes } from './tls/probes.ts';
import { wordpressProbes } from './wordpress/probes.ts';

export const catalog = new ProbeRegistry([
  // areas register here, one spread per line
  ...hostProbes,
  ...httpProbes,
  ...dockerProbes,
  ...gitProbes,
  ...githubProbes,
  ...tlsProbes,
  ...dnsProbes,
  ...monitoringProbes,
  ...docsProbes,
  ...backupProbes,
  httpJsonProbe,
  ...acceptanceProbes,
  ...mariadbProbes,
  ...nginxProbes,
  ...phpProbes,
  ...logsProbes,
  ...wordpressProbes,
  ...fleetProbes,
]);
