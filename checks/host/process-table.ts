/**
 * Is a process alive? Read from a pidfile or the process table, and told apart from "could not
 * read": an unreadable pidfile, a /proc that hides other users' processes (hidepid) or a
 * process name that cannot be read is never reported as "not running".
 */
import { type Command, sh } from '../transport/command.ts';

/**
 * Reads a pidfile and looks the pid up in /proc, answering one tagged line:
 * `alive PID COMM`, `dead PID`, `hidden PID`, `badpid TEXT` or `unreadable ERROR`.
 * The pidfile's content is only ever compared and used as a path under /proc, never executed.
 */
export function pidfileCommand(pidfile: string): Command {
  return sh`if c=$(cat -- ${pidfile} 2>&1); then case $c in ''|*[!0-9]*) echo "badpid $c";; *) if [ -d /proc/$c ]; then read -r n < /proc/$c/comm 2>/dev/null || n='?'; echo "alive $c $n"; elif [ -d /proc/1 ]; then echo "dead $c"; else echo "hidden $c"; fi;; esac; else echo "unreadable $c"; fi`;
}

/**
 * Looks for processes named `name` (comm, 15 characters) with shell builtins only, answering
 * `match PID` lines, then `hidden` (hidepid) or `scanned UNREADABLE` (how many live processes'
 * names could not be read).
 */
export function processCommand(name: string): Command {
  return sh`cd /proc || exit 1; [ -d 1 ] || { echo hidden; exit 0; }; u=0; for p in [0-9]*; do if read -r c < $p/comm; then [ "$c" = ${name.slice(0, 15)} ] && echo "match $p"; elif [ -d $p ]; then u=$((u+1)); fi; done 2>/dev/null; echo "scanned $u"`;
}

export type Liveness =
  | { state: 'running'; detail: string }
  | { state: 'stopped'; detail: string }
  | { state: 'missing-pidfile'; detail: string }
  | { state: 'unknown'; detail: string };

/**
 * Judges the pidfile command's answer; `expected` is the process name the pid must carry.
 * @example judgePidfile('alive 812 mariadbd', '/run/mysqld/mysqld.pid', 'mariadbd') // running
 */
export function judgePidfile(stdout: string, pidfile: string, expected?: string): Liveness {
  const line = stdout.trim().split('\n')[0] ?? '';
  const [tag, ...rest] = line.split(' ');
  const text = rest.join(' ');
  switch (tag) {
    case 'alive': {
      const [pid, ...comm] = rest;
      const name = comm.join(' ');
      if (expected && name !== '?' && name !== expected.slice(0, 15))
        return { state: 'stopped', detail: `pid ${pid} from ${pidfile} is now ${name}, not ${expected}` };
      return {
        state: 'running',
        detail: `pid ${pid}${name && name !== '?' ? ` ${name}` : ''}, from ${pidfile}`,
      };
    }
    case 'dead':
      return { state: 'stopped', detail: `${pidfile} names pid ${text}, which no longer runs` };
    case 'hidden':
      return {
        state: 'unknown',
        detail: `/proc hides other users' processes (hidepid): cannot tell whether pid ${text} runs`,
      };
    case 'badpid':
      return {
        state: 'unknown',
        detail: `${pidfile} does not hold a pid: ${JSON.stringify(text.slice(0, 40))}`,
      };
    case 'unreadable':
      return /No such file/i.test(text)
        ? { state: 'missing-pidfile', detail: `${pidfile} does not exist` }
        : { state: 'unknown', detail: `cannot read ${pidfile}: ${lastPart(text)}` };
    default:
      return {
        state: 'unknown',
        detail: `unexpected answer reading ${pidfile}: ${JSON.stringify(line.slice(0, 80))}`,
      };
  }
}

/**
 * Judges the process command's answer.
 * @example judgeProcess('match 812\nscanned 0', 'mariadbd') // running
 */
export function judgeProcess(stdout: string, name: string): Liveness {
  const lines = stdout.trim().split('\n');
  const pids = lines.filter((l) => /^match \d+$/.test(l)).map((l) => l.slice(6));
  const scanned = lines.find((l) => /^scanned \d+$/.test(l));
  if (lines.includes('hidden'))
    return {
      state: 'unknown',
      detail: `/proc hides other users' processes (hidepid): cannot tell whether ${name} runs`,
    };
  if (pids.length) return { state: 'running', detail: `process ${name}, pid ${pids.join(', ')}` };
  if (!scanned)
    return {
      state: 'unknown',
      detail: `unexpected answer scanning processes: ${JSON.stringify(stdout.slice(0, 80))}`,
    };
  const unreadable = Number(scanned.slice(8));
  if (unreadable > 0)
    return {
      state: 'unknown',
      detail: `no readable process is named ${name}, but ${unreadable} process name(s) could not be read`,
    };
  return { state: 'stopped', detail: `no process named ${name}` };
}

/** `cat: /run/x.pid: Permission denied` → `Permission denied`. */
function lastPart(text: string): string {
  return text.split(': ').pop()?.trim() || text;
}
