/**
 * readyspec's small command line, for what is not an audit run:
 *   validate  load and check the policy, print what the audit would test (no connection)
 *   plan      print the resolved inventory (sources read) and every command the policy would
 *             run on each host (no connection to a host)
 *   checks    list every check a policy can name, with its target kind and params
 * The audit itself is `npm test` (vitest with the grade reporter).
 */
import { catalog } from '../checks/catalog.ts';
import { PolicyError } from '../policies/errors.ts';
import { loadPolicy, policySource } from '../policies/load.ts';
import { TargetIndex } from '../policies/select.ts';
import type { Policy } from '../policies/types.ts';
import { EnvError, runOptionsFromEnv } from '../specs/support/options.ts';

async function main(argv: string[]): Promise<number> {
  const [command = 'validate', source = policySource()] = argv;
  if (command === 'checks') {
    printChecks();
    return 0;
  }
  if (command !== 'validate' && command !== 'plan') {
    process.stderr.write(
      `usage: readyspec validate|plan|checks [policy]\n  (the policy defaults to READYSPEC_POLICY or the shipped default)\n`,
    );
    return 64;
  }
  let policy: Policy;
  try {
    // The environment the audit would run with is checked too: `validate` answers for `npm test`.
    runOptionsFromEnv();
    policy = await loadPolicy(source);
  } catch (err) {
    if (err instanceof PolicyError || err instanceof EnvError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (command === 'validate') printSummary(policy);
  else await printPlan(policy);
  return 0;
}

function printChecks(): void {
  for (const name of catalog.names()) {
    const probe = catalog.get(name)!;
    const params = Object.keys((probe.params as { properties?: object }).properties ?? {});
    const kind = probe.monitoringKind ? `${probe.target}:${probe.monitoringKind}` : probe.target;
    process.stdout.write(
      `${name}\t${kind}${probe.active ? ' (active)' : ''}\t${probe.summary}\t{${params.join(', ')}}\n`,
    );
  }
}

function printSummary(policy: Policy): void {
  const index = new TargetIndex(policy.inventory);
  const perCategory = new Map<string, number>();
  let tests = 0;
  for (const control of policy.controls) {
    const n = index.select(control, catalog.get(control.check)!).targets.length;
    perCategory.set(control.category, (perCategory.get(control.category) ?? 0) + n);
    tests += n;
  }
  const out = [
    `policy ${policy.name}: valid`,
    `  files: ${policy.files.join(', ')}`,
    `  controls: ${policy.controls.length}, tests (control × target): ${tests}`,
  ];
  for (const [category, n] of perCategory) out.push(`    ${category}: ${n}`);
  if (policy.custom?.length) out.push(`  TypeScript controls (custom:): ${policy.custom.join(', ')}`);
  for (const w of policy.warnings) out.push(`  warning: ${w}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function printPlan(policy: Policy): Promise<void> {
  const { planCommands } = await import('../checks/plan.ts');
  // The inventory the audit will visit, sources resolved (policies/sources/print.ts).
  const { inventoryLines } = await import('../policies/sources/print.ts');
  for (const line of inventoryLines(policy)) process.stdout.write(`${line}\n`);
  const rows = planCommands(policy, catalog);
  for (const row of rows) process.stdout.write(`${row.host}\t${row.control}\t${row.script}\n`);
  process.stderr.write(
    `${rows.length} commands on ${new Set(rows.map((r) => r.host)).size} hosts; nothing was run\n`,
  );
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Not the user's mistake (those are PolicyError and EnvError above): readyspec itself failed.
    process.stderr.write(`readyspec: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 3;
  },
);
