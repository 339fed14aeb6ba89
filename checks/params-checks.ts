/**
 * Every probe's own params check (ProbeDefinition.validateParams), by probe name, for the
 * audit's catalog: the policy is validated from catalog-index.json without loading any probe
 * area, so this file imports only light modules (no transports, no clients). An area exports
 * its map from a light module and its definitions use the same functions;
 * checks/params-checks.test.ts keeps this file in step with the definitions.
 */
import { backupParamsChecks } from './backup/params-checks.ts';
import { dnsParamsChecks } from './dns/params-checks.ts';
import { dockerParamsChecks } from './docker/params-checks.ts';
import { docsParamsChecks } from './docs/params-checks.ts';
import { fleetParamsChecks } from './fleet/params-checks.ts';
import { hostParamsChecks } from './host/params-checks.ts';
import { httpParamsChecks } from './http/params-checks.ts';
import { logsParamsChecks } from './logs/params-checks.ts';
import { mariadbParamsChecks } from './mariadb/params-checks.ts';
import { monitoringParamsChecks } from './monitoring/params-checks.ts';
import { nginxParamsChecks } from './nginx/params-checks.ts';
import type { ParamProblem } from './registry.ts';

// biome-ignore lint/suspicious/noExplicitAny: each check takes its own probe's params type
export const paramsChecks: Partial<Record<string, (params: any) => ParamProblem[]>> = {
  ...backupParamsChecks,
  ...dnsParamsChecks,
  ...dockerParamsChecks,
  ...fleetParamsChecks,
  ...hostParamsChecks,
  ...httpParamsChecks,
  ...docsParamsChecks,
  ...logsParamsChecks,
  ...mariadbParamsChecks,
  ...monitoringParamsChecks,
  ...nginxParamsChecks,
};
