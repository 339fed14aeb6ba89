/**
 * Which process holds which socket: /proc/PID/comm (readable by anyone) and the
 * /proc/PID/fd links `socket:[inode]` (readable by the process's owner and root). What cannot be
 * read is recorded as such: a scope by process name must never guess.
 */
import { type Command, sh } from '../transport/command.ts';
import { ReadError } from './read.ts';

/**
 * One pass over /proc, all in shell builtins except one GNU find and one sed:
 * `p PID COMM` per process, `hidden` when /proc hides other users' processes (hidepid),
 * `s PID/fd socket:[INODE]` per socket descriptor, `d PID` per process whose descriptors are
 * not readable, and `mapped` when find could print links at all (GNU find).
 */
export const ownersCommand: Command = sh`cd /proc || exit 1; for p in [0-9]*; do read -r c < $p/comm && echo "p $p $c"; done 2>/dev/null; [ -d 1 ] || echo hidden; { find [0-9]*/fd -maxdepth 1 -lname ${'socket:*'} -printf ${'s %h %l\\n'} 2>&1 1>&3 | sed -n ${'s|^find: .\\([0-9]*\\)/fd.*ermission denied.*|d \\1|p'} | uniq; } 3>&1; find /proc/self -maxdepth 0 -printf ${'mapped\\n'} 2>/dev/null; true`;

export interface Owners {
  /** Process name (comm, at most 15 characters) by pid. */
  names: Map<number, string>;
  /** Pids holding each socket inode. */
  byInode: Map<number, number[]>;
  /** Processes whose descriptors could not be read (another user's, without root). */
  denied: Set<number>;
  /** Descriptors could be listed at all (GNU find present). */
  mapped: boolean;
  /** /proc hides other users' processes (mounted with hidepid): the process table is partial. */
  hidden: boolean;
}

/**
 * Parses the owners command's output; a line it does not know means the answer is not ours.
 * @example parseOwners('p 1 init\ns 1/fd socket:[99]\nmapped\n').byInode.get(99) // [1]
 */
export function parseOwners(text: string): Owners {
  const o: Owners = { names: new Map(), byInode: new Map(), denied: new Set(), mapped: false, hidden: false };
  for (const line of text.split('\n')) {
    const m = /^(p|s|d) (\d+)(?:\/fd socket:\[(\d+)\]| (.*))?$/.exec(line);
    const pid = Number(m?.[2]);
    if (!line) continue;
    else if (line === 'mapped') o.mapped = true;
    else if (line === 'hidden') o.hidden = true;
    else if (m?.[1] === 'p' && m[4] !== undefined) o.names.set(pid, m[4]);
    else if (m?.[1] === 's' && m[3] !== undefined) {
      const pids = o.byInode.get(Number(m[3])) ?? [];
      if (!pids.includes(pid)) pids.push(pid);
      o.byInode.set(Number(m[3]), pids);
    } else if (m?.[1] === 'd' && m[3] === undefined && m[4] === undefined) o.denied.add(pid);
    else
      throw new ReadError(
        `unexpected line in the process table listing: ${JSON.stringify(line.slice(0, 80))}`,
      );
  }
  if (o.names.size === 0) throw new ReadError('the process table listing named no process');
  return o;
}

/** Pids by process name of the processes holding any of the inodes. */
export function holderPids(owners: Owners | undefined, inodes: number[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  for (const inode of inodes) {
    for (const pid of owners?.byInode.get(inode) ?? []) {
      const name = owners?.names.get(pid) ?? '?';
      const pids = byName.get(name) ?? [];
      if (!pids.includes(pid)) pids.push(pid);
      byName.set(name, pids);
    }
  }
  return byName;
}

/** `nginx (pid 900, 901)` per process name holding the sockets; [] when none is known. */
export function holders(owners: Owners | undefined, inodes: number[]): string[] {
  return [...holderPids(owners, inodes)].map(([name, pids]) => `${name} (pid ${pids.join(', ')})`);
}

/** Why no holder is named for a socket. */
export function noHolderReason(owners: Owners | undefined, note: string | undefined): string {
  if (!owners) return note ?? 'process table not readable';
  if (!owners.mapped) return 'unknown: GNU find with -printf is not on the host';
  if (owners.denied.size)
    return `unknown: the descriptors of ${owners.denied.size} process(es) could not be read (another user's; sudo: true reads them)`;
  return 'held by no process (a kernel socket)';
}

/** The kernel keeps 15 characters of a process name (TASK_COMM_LEN). */
export function commOf(name: string): string {
  return name.slice(0, 15);
}

/**
 * The pids of processes named `name`, or why it cannot be told which sockets they hold.
 * @example processPids(owners, 'mariadbd') // { pids: [812] } or { error: '…' }
 */
export function processPids(owners: Owners, name: string): { pids: number[] } | { error: string } {
  if (owners.hidden)
    return { error: `/proc hides other users' processes (hidepid): cannot tell which sockets ${name} holds` };
  if (!owners.mapped)
    return { error: `cannot map sockets to processes (GNU find with -printf is not on the host)` };
  const pids = [...owners.names].filter(([, comm]) => comm === commOf(name)).map(([pid]) => pid);
  const denied = pids.filter((pid) => owners.denied.has(pid));
  if (denied.length)
    return {
      error: `cannot read the descriptors of ${name} (pid ${denied.join(', ')}): permission denied; give the host sudo: true or audit as the service's user`,
    };
  return { pids };
}
