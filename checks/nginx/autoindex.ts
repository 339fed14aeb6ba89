/** No directory listing where uploads live: autoindex in the locations nginx picks for those paths. */
import { fail, inconclusive, pass, type SubjectResult, subject } from '../probe.ts';
import { LocationRegexError, selectLocation } from './location.ts';
import { effective, type Server } from './servers.ts';

export interface AutoindexParams {
  /** URI paths that must not be listed (default /wp-content/uploads/). */
  paths?: string[];
}

export const DEFAULT_UPLOAD_PATHS = ['/wp-content/uploads/'];

/**
 * One subject per server: for each path, the location nginx chooses and its effective autoindex.
 * @example judgeAutoindex(servers, { paths: ['/wp-content/uploads/'] }, source)
 */
export function judgeAutoindex(servers: Server[], p: AutoindexParams, source: string): SubjectResult[] {
  const paths = p.paths ?? DEFAULT_UPLOAD_PATHS;
  return servers.map((s) => {
    try {
      const seen = paths.map((path) => {
        const chain = selectLocation(s.level, path);
        const at = chain.at(-1) ?? s.level;
        const d = effective(at, 'autoindex');
        return {
          path,
          location: chain.length ? at.label : 'server',
          autoindex: d?.args[0] ?? 'off',
          at: d ? `${d.file}:${d.line}` : null,
        };
      });
      const listed = seen.filter((x) => x.autoindex === 'on');
      const evidence = { observed: seen, expected: 'autoindex off', source, at: `${s.file}:${s.line}` };
      if (!listed.length)
        return subject(s.name, pass(`${s.name}: no directory listing under ${paths.join(', ')}`, evidence));
      const l = listed[0];
      return subject(
        s.name,
        fail(`${s.name}: autoindex on for ${l.path} (${l.location}, ${l.at})`, evidence),
      );
    } catch (err) {
      if (!(err instanceof LocationRegexError)) throw err;
      return subject(s.name, inconclusive(`${s.name}: ${err.message}`, { observed: null, source }));
    }
  });
}
