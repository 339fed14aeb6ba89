/**
 * Runs probe commands on the machine the audit runs on, through /bin/sh like sshd would.
 */
import { spawn } from 'node:child_process';
import {
  type Command,
  type CommandResult,
  type CommandTransport,
  commandLine,
  type RunOptions,
  TransportError,
} from './command.ts';
import { trackGroup, untrackGroup } from './process-groups.ts';

const MAX_OUTPUT = 8 * 1024 * 1024;

export class LocalTransport implements CommandTransport {
  constructor(
    readonly host: string,
    private readonly defaults: { timeoutMs: number; sudo?: boolean },
  ) {}

  run(command: Command, options: RunOptions = {}): Promise<CommandResult> {
    const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs;
    const useSudo = options.sudo && this.defaults.sudo;
    const argv = useSudo
      ? ['sudo', '-n', '/bin/sh', '-c', command.script]
      : ['/bin/sh', '-c', command.script];
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const stdin = options.stdin === undefined ? 'ignore' : 'pipe';
      const child = spawn(argv[0], argv.slice(1), { stdio: [stdin, 'pipe', 'pipe'], detached: true });
      // Its own group, so it dies with the run however the run ends (process-groups.ts).
      const group = child.pid;
      if (group) trackGroup(group);
      // A command that exits without reading its input must not crash the run with EPIPE.
      child.stdin?.on('error', () => {});
      child.stdin?.end(options.stdin);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_OUTPUT) into.push(chunk);
      };
      child.stdout?.on('data', collect(out));
      child.stderr?.on('data', collect(err));
      // Kill the whole process group: a hung pipeline must not outlive its command.
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        if (group) untrackGroup(group);
        reject(
          new TransportError(`${this.host}: cannot start /bin/sh: ${e.message}`, this.host, { cause: e }),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (group) untrackGroup(group);
        if (timedOut) {
          reject(
            new TransportError(
              `${this.host}: command timed out after ${timeoutMs} ms: ${commandLine(command)}`,
              this.host,
            ),
          );
          return;
        }
        resolve({
          exitCode: code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          durationMs: performance.now() - started,
        });
      });
    });
  }

  async close(): Promise<void> {}
}
