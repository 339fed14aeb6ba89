/**
 * Judgements over MariaDB's accounts, one subject per account (`user@host`): no anonymous
 * account, none that lets anyone in without a password, root only from the local machine.
 * Roles are not accounts (nobody logs in as one) and are left out.
 */
import { isLoopback } from '../address.ts';
import {
  type Evidence,
  fail,
  inconclusive,
  notApplicable,
  type ProbeResult,
  pass,
  perSubject,
  subject,
} from '../probe.ts';
import { type Account, accountName, openMethods } from './accounts.ts';
import type { ServerSnapshot } from './snapshot.ts';

const logins = (s: ServerSnapshot) => (s.accounts.ok ? s.accounts.value.filter((a) => !a.role) : []);

function observed(a: Account): Evidence {
  return {
    observed: { user: a.user, host: a.host, methods: a.methods.map((m) => ({ ...m })), locked: a.locked },
  };
}

function unreadable(target: string, s: ServerSnapshot): ProbeResult | undefined {
  if (s.accounts.ok) return undefined;
  return inconclusive(`${target}: cannot read MariaDB's accounts: ${s.accounts.error}`, { source: s.source });
}

/**
 * Every anonymous account (empty user name) is a finding; none is one pass.
 * @example noAnonymous('db1', await serverSnapshot(ctx, host, {}))
 */
export function noAnonymous(target: string, s: ServerSnapshot): ProbeResult {
  const bad = unreadable(target, s);
  if (bad) return bad;
  const all = logins(s);
  const anonymous = all.filter((a) => a.user === '');
  const evidence = { source: s.source, observed: { accounts: all.length, anonymous: anonymous.length } };
  if (!anonymous.length)
    return pass(`${target}: no anonymous account among ${all.length} accounts`, evidence);
  const subjects = anonymous.map((a) =>
    subject(
      accountName(a),
      a.locked
        ? pass(`${accountName(a)}: anonymous but locked (nobody can log in)`, {
            ...observed(a),
            source: s.source,
          })
        : fail(`${accountName(a)}: anonymous account (any user name logs in from ${a.host || 'anywhere'})`, {
            ...observed(a),
            source: s.source,
          }),
    ),
  );
  return perSubject(target, 'anonymous accounts', subjects, evidence);
}

/**
 * Each account authenticates: a password set, or an authentication plugin (unix_socket, pam,
 * gssapi…); a password plugin without a password lets anyone in. A locked account passes.
 * @example authentication('db1', snapshot)
 */
export function authentication(target: string, s: ServerSnapshot): ProbeResult {
  const bad = unreadable(target, s);
  if (bad) return bad;
  const subjects = logins(s).map((a) => {
    const name = accountName(a);
    const ev = { ...observed(a), source: s.source };
    const open = openMethods(a);
    if (a.locked) return subject(name, pass(`${name}: locked`, ev));
    if (open.length)
      return subject(
        name,
        fail(`${name}: no password (${open.map((m) => m.plugin || 'no plugin').join(', ')})`, ev),
      );
    const how = a.methods.map((m) => (m.credential ? `${m.plugin} (credential set)` : m.plugin)).join(' or ');
    return subject(name, pass(`${name}: authenticated by ${how}`, ev));
  });
  return perSubject(target, 'accounts', subjects, { source: s.source });
}

export interface RootLocalParams {
  /** Administrative user names that may log in only from the local machine (default ['root']). */
  users?: string[];
}

/** localhost, or a loopback address (127.0.0.0/8, ::1): nothing else is "only local". */
function isLocalHost(host: string): boolean {
  return host === 'localhost' || isLoopback(host);
}

/**
 * Each root (or named administrative) account accepts logins only from the local machine.
 * @example rootLocal('db1', snapshot, { users: ['root', 'admin'] })
 */
export function rootLocal(target: string, s: ServerSnapshot, p: RootLocalParams = {}): ProbeResult {
  const bad = unreadable(target, s);
  if (bad) return bad;
  const users = p.users ?? ['root'];
  const subjects = logins(s)
    .filter((a) => users.includes(a.user))
    .map((a) => {
      const name = accountName(a);
      const ev = { ...observed(a), expected: { host: 'localhost or a loopback address' }, source: s.source };
      if (isLocalHost(a.host)) return subject(name, pass(`${name}: local logins only`, ev));
      if (a.locked) return subject(name, pass(`${name}: remote host but the account is locked`, ev));
      return subject(
        name,
        fail(`${name}: ${a.user} may log in from ${a.host === '%' ? 'any host' : a.host}`, ev),
      );
    });
  if (!subjects.length)
    return notApplicable(`${target}: no account named ${users.join(', ')}`, { source: s.source });
  return perSubject(target, 'administrative accounts', subjects, { source: s.source });
}
