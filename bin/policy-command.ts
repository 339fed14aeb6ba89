/** `readyspec validate|plan [POLICY]`: load the policy (nothing connects) and describe it. */
import { catalog } from '../checks/catalog.ts';
import { PolicyError } from '../policies/errors.ts';
import { loadPolicy, policySource } from '../policies/load.ts';
import { TargetIndex } from '../policies/select.ts';
import type { Policy } from '../policies/types.ts';
import { EXIT } from '../reporters/exit-code.ts';
import { EnvError, runOptionsFromEnv } from '../specs/support/options.ts';
import { parseArgs } from './args.ts';
import { httpRequests } from './http-plan.ts';

export async function policyCommand(command: 'validate' | 'plan', argv: string[]): Promise<number> {
  const { positionals } = parseArgs(argv, {}, 1);
  const source = positionals[0] ?? policySource();
  // The environment the audit would run with is checked too (`validate` answers for `npm test`),
  // and the policy still loads after a bad variable: every problem is told in one pass.
  let envError: EnvError | undefined;
  try {
    runOptionsFromEnv();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    envError = err;
  }
  let policy: Policy;
  try {
    policy = await loadPolicy(source);
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    process.stderr.write(`${envError ? `${envError.message}\n` : ''}${err.message}\n`);
    return EXIT.usage;
  }
  if (envError) {
    process.stderr.write(`${envError.message}\n`);
    return EXIT.usage;
  }
  if (command === 'validate') printSummary(policy);
  else await printPlan(policy);
  return EXIT.ready;
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
  const requests = httpRequests(policy, catalog);
  for (const r of requests) process.stdout.write(`${r.target}\t${r.control}\t${r.method} ${r.url}\n`);
  process.stderr.write(
    `${rows.length} commands on ${new Set(rows.map((r) => r.host)).size} hosts, ${requests.length} HTTP requests to ${new Set(requests.map((r) => r.target)).size} endpoints or services; nothing was run\n`,
  );
}
