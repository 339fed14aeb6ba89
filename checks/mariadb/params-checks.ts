/**
 * The MariaDB probes' own params checks, run when the policy loads (light: the audit's catalog
 * imports this without loading any client). A connection names one way to authenticate.
 */
import { rangeErrors } from '../address.ts';
import type { ParamProblem } from '../registry.ts';

interface Connection {
  password?: unknown;
  defaultsFile?: string;
  socket?: string;
  address?: string;
  allowAddresses?: string[];
}

/**
 * A password and an option file are two credentials (the client reads one extra file), a
 * socket and a TCP address two destinations: each pair is refused.
 * @example connectionProblems({ password: { env: 'P' }, defaultsFile: '/etc/mysql/debian.cnf' }) // one problem
 */
export function connectionProblems(p: Connection): ParamProblem[] {
  const out: ParamProblem[] = [];
  if (p.password !== undefined && p.defaultsFile !== undefined)
    out.push({ path: '/defaultsFile', message: 'give either password or defaultsFile, not both' });
  if (p.socket !== undefined && p.address !== undefined)
    out.push({ path: '/address', message: 'give either socket or address, not both' });
  return out;
}

function bindProblems(p: Connection): ParamProblem[] {
  const ranges = (p.allowAddresses ?? []).flatMap((entry, i) =>
    rangeErrors([entry]).map((message) => ({ path: `/allowAddresses/${i}`, message })),
  );
  return [...connectionProblems(p), ...ranges];
}

export const mariadbParamsChecks = {
  'mariadb.anonymous-accounts': connectionProblems,
  'mariadb.authentication': connectionProblems,
  'mariadb.root-local': connectionProblems,
  'mariadb.site-grants': connectionProblems,
  'mariadb.bind-address': bindProblems,
  'mariadb.version': connectionProblems,
} as const;
