/**
 * `readyspec run [POLICY] [--strict] [--watch] [-- vitest args]`: the audit, as `npm test` runs
 * it (vitest, audit project, the grade reporter), with the exit code of the README's table.
 * The reporter writes its decided code to READYSPEC_EXIT_FILE: a vitest exit 1 without it is
 * vitest failing before any grade (a broken config, a crash), so this reports 3, not "not ready".
 * `--watch` re-runs the whole audit when a policy file changes (vitest's own watch mode cannot:
 * the probe engine runs once per process).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../reporters/exit-code.ts';
import { parseArgs } from './args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function runCommand(argv: string[]): Promise<number> {
  const { flags, positionals, passthrough } = parseArgs(argv, { flags: ['--strict', '--watch'] }, 1);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (positionals[0]) env.READYSPEC_POLICY = resolve(positionals[0]);
  if (flags.has('--strict')) env.READYSPEC_STRICT = '1';
  if (flags.has('--watch')) return watchPolicy(env, passthrough);
  return auditOnce(env, passthrough);
}

/** One audit in a child vitest; resolves with the README's exit code. */
export function auditOnce(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'readyspec-run-'));
  const exitFile = join(scratch, 'exit');
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', '--root', root, '--project', 'audit', ...args], {
    stdio: 'inherit',
    env: { ...env, READYSPEC_EXIT_FILE: exitFile },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise((done) => {
    child.on('error', (err) => {
      process.stderr.write(`readyspec: cannot start vitest (${vitest}): ${err.message}\n`);
      finish(EXIT.toolFailed);
    });
    child.on('exit', (code, signal) => finish(mapExit(code, signal, decided(exitFile))));
    function finish(code: number) {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      rmSync(scratch, { recursive: true, force: true });
      done(code);
    }
  });
}

function decided(file: string): number | undefined {
  try {
    return Number(readFileSync(file, 'utf8').trim());
  } catch {
    return undefined;
  }
}

/** Pure: the child's exit and what the reporter decided → the README's code. */
export function mapExit(code: number | null, signal: string | null, reporter: number | undefined): number {
  if (reporter !== undefined && Number.isInteger(reporter)) return reporter;
  if (signal) return EXIT.toolFailed;
  // 0: nothing to grade; 2: the policy or the environment was refused before anything ran.
  if (code === 0 || code === EXIT.usage || code === EXIT.toolFailed) return code;
  return EXIT.toolFailed;
}

/** Re-runs the audit after each policy edit (debounced); Ctrl-C ends it. */
async function watchPolicy(env: NodeJS.ProcessEnv, args: string[]): Promise<number> {
  const { policySource } = await import('../policies/load.ts');
  const source = policySource(env);
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const code = await auditOnce(env, args);
    process.stderr.write(`\nreadyspec: exit ${code}; watching ${source} for changes (Ctrl-C to stop)\n`);
    running = false;
    if (again) {
      again = false;
      void run();
    }
  };
  const watcher = watch(source, { recursive: true }, (_event, file) => {
    if (file && !/\.ya?ml$/.test(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  await run();
  return new Promise((done) => {
    process.once('SIGINT', () => {
      watcher.close();
      done(EXIT.ready);
    });
  });
}
