/**
 * Property (fast-check): whatever command output a host gives — exit codes, stdout and stderr
 * from random text to near-miss /proc and df shapes — the host probes' parsers return an
 * outcome within their deadline, never throw, and leave no planted secret once redacted and
 * bounded (target-answers.support.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetSecrets, registerSecret } from '../policies/secrets.ts';
import { disk } from './host/disk.ts';
import { fail2ban } from './host/fail2ban.ts';
import { load } from './host/load.ts';
import { memory } from './host/memory.ts';
import { oomKills } from './host/oom-kills.ts';
import { timeSync } from './host/time-sync.ts';
import type { ProbeResult } from './probe.ts';
import { expectSound, planted, printable, SECRET } from './target-answers.support.ts';
import type { Command, CommandResult, CommandTransport } from './transport/command.ts';

const seen = new Set<string>();
beforeAll(() => registerSecret(SECRET));
afterAll(() => forgetSecrets());

/** Every command gets the generated output: what a broken, hostile or foreign host prints. */
class AnswerTransport implements CommandTransport {
  readonly host = 'fuzz';
  constructor(private readonly result: Omit<CommandResult, 'durationMs'>) {}
  async run(_command: Command): Promise<CommandResult> {
    return { ...this.result, durationMs: 1 };
  }
  async close(): Promise<void> {}
}
const HOST_PROBES: [string, (t: CommandTransport) => Promise<ProbeResult>][] = [
  ['host.disk', (t) => disk(t, { maxPercent: 90 })],
  ['host.memory', (t) => memory(t, { maxPercent: 90 })],
  ['host.load', (t) => load(t, { maxPerCore: 1 })],
  ['host.fail2ban', (t) => fail2ban(t, { jails: ['sshd'] })],
  ['host.oom-kills', (t) => oomKills(t, { hours: 24 })],
  ['host.time-sync', (t) => timeSync(t, {})],
];
const commandText = fc.oneof(
  planted(fc.string({ maxLength: 300 })),
  planted(
    fc
      .array(
        fc.array(fc.oneof(printable, fc.integer().map(String)), { maxLength: 7 }).map((w) => w.join(' ')),
        { maxLength: 8 },
      )
      .map((l) => l.join('\n')),
  ),
  fc.constantFrom(
    'MemTotal: 0 kB\nMemAvailable: -1 kB',
    'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 0 0 0 999% /',
    '0.00 0.00 nan 1/1 1',
    '',
  ),
);

describe('probes over generated command outputs', () => {
  it(
    'command output fed to the host probes: an outcome, in time, no secret left',
    { timeout: 30_000 },
    async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...HOST_PROBES),
          fc.record({
            exitCode: fc.constantFrom(0, 0, 1, 2, 127, null),
            stdout: commandText,
            stderr: commandText,
          }),
          async ([, probe], r) => {
            cases++;
            const started = performance.now();
            const result = await probe(new AnswerTransport(r));
            expectSound(result, started, 2000, seen);
          },
        ),
        { numRuns: 3000, interruptAfterTimeLimit: 15_000 },
      );
      expect(cases).toBeGreaterThan(50);
      process.stdout.write(`target-answer fuzzer (commands): ${cases} outputs, no finding\n`);
    },
  );
});
