import {
  describeError,
  fail,
  inconclusive,
  notApplicable,
  type ProbeResult,
  pass,
  perSubject,
  type SubjectResult,
  subject,
} from '../probe.ts';
import type { CommandTransport } from '../transport/command.ts';
import { sh } from '../transport/command.ts';
import { type BindingRule, bindingExpectation, bindingJudge, inScope } from './bindings.ts';
import { type ComposeService, composeServices } from './compose-file.ts';
import { listed } from './select.ts';

export interface ComposePortsParams extends BindingRule {
  /** Absolute paths of compose files on the host. */
  files: string[];
}

/** The read-only command compose.ports runs per file (plan mode lists it). */
export const readComposeFile = (file: string) => sh`cat -- ${file}`;

type Read = { file: string; services: ComposeService[] } | { file: string; error: string };

/**
 * Checks statically, from the compose files on a host, that services publish ports only on
 * allowed address ranges (loopback by default), except allowlisted ports. One subject per
 * compose service (named by the service, `file service` when two files define it), its
 * evidence the file, the lines and every binding with its verdict; a service that publishes
 * nothing (or, with `ports`, none of those ports) is `not-applicable`. A file that cannot be read or parsed is an `error` subject named
 * by its path when other files could be read, and the one `error` result when none could.
 * @example await composePorts(commands, { files: ['/srv/app/docker-compose.yml'] })
 */
export async function composePorts(host: CommandTransport, p: ComposePortsParams): Promise<ProbeResult> {
  const expected = bindingExpectation(p);
  const source = `${host.host}:${p.files.join(',')}`;
  const reads: Read[] = [];
  for (const file of new Set(p.files)) {
    try {
      reads.push(await readFile(host, file));
    } catch (err) {
      // The host itself did not answer: nothing of the collection can be read.
      return inconclusive(describeError(err), { source, expected, file, error: describeError(err) });
    }
  }
  const failed = reads.filter((r): r is { file: string; error: string } => 'error' in r);
  if (failed.length === reads.length)
    return inconclusive(`${host.host}: ${failed.map((r) => r.error).join('; ')}`, {
      source,
      expected,
      file: failed[0].file,
    });
  const judge = bindingJudge(p);
  const seen = new Map<string, number>();
  for (const r of reads)
    if ('services' in r) for (const s of r.services) seen.set(s.service, (seen.get(s.service) ?? 0) + 1);
  const subjects: SubjectResult[] = [];
  for (const r of reads) {
    if ('error' in r) {
      subjects.push(
        subject(r.file, inconclusive(r.error, { source: `${host.host}:${r.file}`, file: r.file, expected })),
      );
      continue;
    }
    for (const s of r.services) {
      const name = (seen.get(s.service) ?? 0) > 1 ? `${r.file} ${s.service}` : s.service;
      const verdicts = s.bindings
        .filter((b) => inScope(b, p))
        .map((b) => ({ ...judge(b), declared: b.declared, line: b.line }));
      const bad = verdicts.filter((v) => !v.allowed);
      const ev = {
        source: `${host.host}:${r.file}:${s.line}`,
        file: r.file,
        line: s.line,
        service: s.service,
        observed: listed(verdicts),
        published: verdicts.length,
        expected,
      };
      const shown = (list: typeof verdicts) =>
        list
          .slice(0, 3)
          .map((v) => `"${v.declared}" line ${v.line} (${v.reason})`)
          .join('; ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
      subjects.push(
        subject(
          name,
          verdicts.length === 0
            ? notApplicable(
                `${s.service}: publishes ${p.ports ? `none of ports ${p.ports.join(', ')}` : 'no port'} (${r.file}:${s.line})`,
                ev,
              )
            : bad.length
              ? fail(
                  `${s.service}: ${bad.length} of ${verdicts.length} binding(s) not allowed in ${r.file}: ${shown(bad)}`,
                  ev,
                )
              : pass(
                  `${s.service}: ${verdicts.length} binding(s) allowed in ${r.file}: ${shown(verdicts)}`,
                  ev,
                ),
        ),
      );
    }
  }
  return perSubject(host.host, 'compose services', subjects, { source, expected, files: p.files });
}

/** One file's services, or why they cannot be read; throws only when the host did not answer. */
async function readFile(host: CommandTransport, file: string): Promise<Read> {
  const r = await host.run(readComposeFile(file));
  if (r.exitCode !== 0)
    return { file, error: `cannot read ${file}: ${r.stderr.trim() || `exit ${r.exitCode}`}` };
  try {
    return { file, services: composeServices(r.stdout) };
  } catch (err) {
    return { file, error: `${file} is not valid compose YAML: ${describeError(err)}` };
  }
}
