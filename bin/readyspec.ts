/**
 * readyspec's command line (`npx readyspec …`, bin/readyspec.mjs loads it through tsx):
 *   run [POLICY] [--strict] [--watch] [-- vitest args]   the audit (vitest, the grade reporter)
 *   validate [POLICY]   load and check the policy, print what the audit would test (no connection)
 *   plan [POLICY]       the resolved inventory, every host command and HTTP request (nothing runs)
 *   checks [NAME]       every check, or one check's params with types, defaults and an example
 *   init [--pack NAME…] DIR   a starter policy with comments and the editor modeline
 * Exit codes (README): 0 ready · 1 not ready · 2 invalid policy or usage · 3 readyspec failed.
 */
import { EXIT } from '../reporters/exit-code.ts';
import { UsageError } from './args.ts';

const USAGE = `usage: readyspec <command> [arguments]
  run [POLICY] [--strict] [--watch] [-- VITEST_ARGS]  audit POLICY (default: READYSPEC_POLICY or the shipped default)
  validate [POLICY]                                  check the policy; nothing connects
  plan [POLICY]                                      print the inventory, host commands and HTTP requests; nothing runs
  checks [NAME]                                      list the checks, or describe one (params, defaults, example)
  init [--pack NAME]... DIR                          write a starter policy into DIR (never overwrites)
exit codes: 0 ready, 1 not ready (or a blocking control failed), 2 invalid policy or usage, 3 readyspec failed`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'run':
      return (await import('./run.ts')).runCommand(rest);
    case 'validate':
    case 'plan':
      return (await import('./policy-command.ts')).policyCommand(command, rest);
    case 'checks':
      return (await import('./checks.ts')).checksCommand(rest);
    case 'init':
      return (await import('./init.ts')).initCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ready;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`readyspec: ${err.message}\n${USAGE}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    // Not the user's mistake (those are PolicyError and EnvError, exit 2): readyspec itself failed.
    process.stderr.write(`readyspec: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = EXIT.toolFailed;
  },
);
