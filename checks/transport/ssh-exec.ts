/**
 * Runs one batch over one channel and hands each command its own result as soon as its end
 * marker arrives. A command that outlives its timeout is rejected, the channel is killed, and
 * the commands queued behind it are returned to be run again on another channel.
 */
import type { Client, ClientChannel } from 'ssh2';
import { type Command, type CommandResult, commandLine, TransportError } from './command.ts';
import { BatchStream, buildBatch } from './ssh-batch.ts';

export interface Pending {
  command: Command;
  sudo: boolean;
  timeoutMs: number;
  resolve(result: CommandResult): void;
  reject(err: unknown): void;
}

interface Slot {
  stdout?: Buffer;
  stderr?: Buffer;
  status?: number | null;
  durationMs?: number;
  settled?: boolean;
}

/** Resolves with the commands to retry (those that never started because a neighbour hung). */
export function runBatch(client: Client, host: string, items: Pending[]): Promise<Pending[]> {
  const batch = buildBatch(items.map((i) => ({ script: i.command.script, sudo: i.sudo })));
  const slots: Slot[] = items.map(() => ({}));
  return new Promise((done) => {
    let channel: ClientChannel | undefined;
    let current = 0;
    let lastEnd = performance.now();
    let timedOut = -1;
    let finished = false;
    let timer: NodeJS.Timeout | undefined;

    const settle = (i: number) => {
      const s = slots[i];
      if (s.settled || s.stdout === undefined || s.stderr === undefined) return;
      s.settled = true;
      items[i].resolve({
        exitCode: s.status ?? null,
        stdout: s.stdout.toString(),
        stderr: s.stderr.toString(),
        durationMs: s.durationMs ?? 0,
      });
    };
    const finish = (cause?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      client.removeListener('close', onClientClose);
      const retry: Pending[] = [];
      items.forEach((item, i) => {
        const s = slots[i];
        if (s.settled) return;
        if (s.stdout !== undefined) {
          s.stderr ??= Buffer.alloc(0);
          settle(i);
        } else if (timedOut >= 0 && i > timedOut) retry.push(item);
        else
          item.reject(
            new TransportError(
              `${host}: ${cause ?? 'connection closed'} before \`${commandLine(item.command)}\` finished`,
              host,
            ),
          );
      });
      done(retry);
    };
    const onClientClose = () => finish('connection lost');
    const onTimeout = () => {
      const item = items[current];
      timedOut = current;
      slots[current].settled = true;
      item.reject(
        new TransportError(
          `${host}: command timed out after ${item.timeoutMs} ms: ${commandLine(item.command)}`,
          host,
        ),
      );
      try {
        channel?.signal('KILL');
        channel?.close();
      } catch {}
      finish();
    };
    // The clock of each command starts when the one before it ended (or the exec was sent).
    const arm = () => {
      clearTimeout(timer);
      if (current < items.length) timer = setTimeout(onTimeout, items[current].timeoutMs);
    };

    const stdout = new BatchStream(batch.token, true, (i, out, status) => {
      const now = performance.now();
      Object.assign(slots[i], { stdout: out, status, durationMs: now - lastEnd });
      lastEnd = now;
      current = i + 1;
      settle(i);
      arm();
    });
    const stderr = new BatchStream(batch.token, false, (i, err) => {
      slots[i].stderr = err;
      settle(i);
    });

    client.once('close', onClientClose);
    arm();
    try {
      client.exec(batch.script, (err, ch) => {
        if (err) return finish(`cannot open a channel (${err.message})`);
        channel = ch;
        if (finished) return ch.close();
        ch.on('data', (d: Buffer) => stdout.push(d));
        ch.stderr.on('data', (d: Buffer) => stderr.push(d));
        ch.on('close', () => finish('channel closed'));
      });
    } catch (err) {
      finish(`cannot open a channel (${(err as Error).message})`);
    }
  });
}

/**
 * One command in its own exec, fed `stdin` (a password for restic or borg) and then EOF: the
 * secret never enters the command line, the batch script or the target's process list.
 */
export function execWithStdin(
  client: Client,
  host: string,
  command: Command,
  stdin: string,
  timeoutMs: number,
): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let channel: ClientChannel | undefined;
    const timer = setTimeout(() => {
      try {
        channel?.signal('KILL');
        channel?.close();
      } catch {}
      reject(
        new TransportError(`${host}: command timed out after ${timeoutMs} ms: ${commandLine(command)}`, host),
      );
    }, timeoutMs);
    client.exec(command.script, (e, ch) => {
      if (e) {
        clearTimeout(timer);
        reject(new TransportError(`${host}: cannot open a channel (${e.message})`, host, { cause: e }));
        return;
      }
      channel = ch;
      let status: number | null = null;
      ch.on('data', (d: Buffer) => out.push(d));
      ch.stderr.on('data', (d: Buffer) => err.push(d));
      ch.on('exit', (code: number | null) => {
        status = code;
      });
      ch.on('close', () => {
        clearTimeout(timer);
        resolve({
          exitCode: status,
          stdout: Buffer.concat(out).toString(),
          stderr: Buffer.concat(err).toString(),
          durationMs: performance.now() - started,
        });
      });
      ch.end(stdin);
    });
  });
}
