/** Every monitoring probe: Prometheus, Alertmanager, Grafana, Loki, Traefik. */
import { alertmanagerProbes } from './alertmanager-probes.ts';
import { observabilityProbes } from './observability-probes.ts';
import { prometheusProbes } from './prometheus-probes.ts';

export const monitoringProbes = [...prometheusProbes, ...alertmanagerProbes, ...observabilityProbes];
