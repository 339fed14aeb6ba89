/** nginx accepts its configuration (`nginx -t`): what a reload would do, read-only. */
import { guarded, runPreferSudo, sourceOf } from '../host/read.ts';
import { fail, type ProbeResult, pass } from '../probe.ts';
import type { CommandTransport } from '../transport/command.ts';
import { type NginxParams, nginxCommand, nginxSaid, unreadable } from './read.ts';

/**
 * Checks that `nginx -t` accepts the configuration. nginx's own rejection is the defect; a
 * missing binary, a file it may not read or a killed command is an error (could not tell).
 * @example await configValid(ssh, { config: '/etc/nginx/nginx.conf' })
 */
export async function configValid(t: CommandTransport, p: NginxParams): Promise<ProbeResult> {
  const command = nginxCommand(p, '-t');
  const source = sourceOf(t, command);
  return guarded(source, async () => {
    const r = await runPreferSudo(t, command);
    const cause = unreadable(t, r, p);
    if (cause) throw cause;
    const said = nginxSaid(r);
    const evidence = { observed: { exitCode: r.exitCode, said }, expected: 'test is successful', source };
    return r.exitCode === 0
      ? pass(`${t.host}: nginx accepts its configuration (${said})`, evidence)
      : fail(`${t.host}: nginx rejects its configuration: ${said}`, evidence);
  });
}
