/** nginx must not announce its version: server_tokens off at the server and in every location. */
import { fail, pass, type SubjectResult, subject } from '../probe.ts';
import { allLevels, effective, type Server } from './servers.ts';

/**
 * One subject per server: the effective server_tokens of each level (nginx's default is `on`).
 * @example judgeServerTokens(servers, source)
 */
export function judgeServerTokens(servers: Server[], source: string): SubjectResult[] {
  return servers.map((s) => {
    const levels = allLevels(s.level).map((l) => {
      const d = effective(l, 'server_tokens');
      return {
        where: l === s.level ? 'server' : l.label,
        value: d?.args[0] ?? 'on (nginx default)',
        at: d ? `${d.file}:${d.line}` : null,
      };
    });
    const on = levels.filter((l) => l.value !== 'off');
    const evidence = {
      observed: on.length ? on : levels[0],
      expected: 'off',
      source,
      at: `${s.file}:${s.line}`,
    };
    if (!on.length)
      return subject(s.name, pass(`${s.name}: server_tokens off (set at ${levels[0].at})`, evidence));
    const first = on[0];
    return subject(
      s.name,
      fail(
        `${s.name}: server_tokens ${first.value} in ${first.where}${first.at ? ` (${first.at})` : ''}${on.length > 1 ? ` and ${on.length - 1} more` : ''}`,
        evidence,
      ),
    );
  });
}
