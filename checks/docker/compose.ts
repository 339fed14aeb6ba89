import { describeError, fail, inconclusive, type ProbeResult, pass } from '../probe.ts';
import type { CommandTransport } from '../transport/command.ts';
import { sh } from '../transport/command.ts';
import {
  type BindingRule,
  bindingViolation,
  DEFAULT_ALLOW_ADDRESSES,
  DEFAULT_ALLOW_PORTS,
} from './bindings.ts';
import { composeBindings } from './compose-file.ts';
import { listed } from './select.ts';

export interface ComposePortsParams extends BindingRule {
  /** Absolute paths of compose files on the host. */
  files: string[];
}

/** The read-only command compose.ports runs per file (plan mode lists it). */
export const readComposeFile = (file: string) => sh`cat -- ${file}`;

/**
 * Checks statically, from the compose files on a host, that services publish ports only on
 * allowed addresses, except allowlisted ports.
 * @example await composePorts(commands, { files: ['/srv/app/docker-compose.yml'] })
 */
export async function composePorts(host: CommandTransport, p: ComposePortsParams): Promise<ProbeResult> {
  const expected = {
    allowPorts: p.allowPorts ?? DEFAULT_ALLOW_PORTS,
    allowAddresses: p.allowAddresses ?? DEFAULT_ALLOW_ADDRESSES,
  };
  const source = `${host.host}:${p.files.join(',')}`;
  const bad: { file: string; service: string; declared: string; binding: string; reason: string }[] = [];
  let published = 0;
  for (const file of p.files) {
    let text: string;
    try {
      const r = await host.run(readComposeFile(file));
      if (r.exitCode !== 0) {
        return inconclusive(`${host.host}: cannot read ${file}: ${r.stderr.trim() || `exit ${r.exitCode}`}`, {
          source,
          expected,
          file,
        });
      }
      text = r.stdout;
    } catch (err) {
      return inconclusive(describeError(err), { source, expected, file, error: describeError(err) });
    }
    let bindings: ReturnType<typeof composeBindings>;
    try {
      bindings = composeBindings(text);
    } catch (err) {
      return inconclusive(`${host.host}: ${file} is not valid compose YAML: ${describeError(err)}`, {
        source,
        expected,
        file,
      });
    }
    published += bindings.length;
    for (const b of bindings) {
      const v = bindingViolation(b, p);
      if (v) bad.push({ file, service: b.service, declared: b.declared, ...v });
    }
  }
  const evidence = { source, expected, published, observed: listed(bad) };
  if (bad.length === 0)
    return pass(
      `${host.host}: ${published} published port(s) in ${p.files.length} compose file(s) are allowed`,
      evidence,
    );
  const first = bad.slice(0, 3).map((b) => `${b.service} "${b.declared}" (${b.reason})`);
  return fail(
    `${host.host}: ${bad.length} disallowed binding(s) in compose files: ${first.join('; ')}`,
    evidence,
  );
}
