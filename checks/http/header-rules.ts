/**
 * What makes a security header's value protective. Pure: takes response headers, returns a
 * verdict, so the rules are tested without a server.
 */

export type Verdict =
  | { kind: 'ok'; name: string; value: string }
  | { kind: 'weak'; name: string; reason: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'missing' };

export interface RuleOptions {
  https: boolean;
  hstsMinAge: number;
}

function hsts(value: string, o: RuleOptions): string | undefined {
  const age = /max-age\s*=\s*"?(\d+)/i.exec(value);
  if (!age) return 'no max-age';
  return Number(age[1]) < o.hstsMinAge ? `max-age=${age[1]} is below ${o.hstsMinAge}` : undefined;
}

const RULES: Record<string, (value: string, o: RuleOptions) => string | undefined> = {
  'strict-transport-security': hsts,
  'x-content-type-options': (v) =>
    v.trim().toLowerCase() === 'nosniff' ? undefined : `"${v}" is not nosniff`,
  'x-frame-options': (v) =>
    /^\s*(deny|sameorigin)\s*$/i.test(v) ? undefined : `"${v}" is neither DENY nor SAMEORIGIN`,
  'referrer-policy': (v) => (/unsafe-url/i.test(v) ? `"${v}" leaks full URLs` : undefined),
};

function frameAncestors(headers: Record<string, string>): string | undefined {
  const csp = headers['content-security-policy'];
  return csp && /(^|;)\s*frame-ancestors\s/i.test(csp) ? csp : undefined;
}

/** Judges one required item (`name` or `a|b` alternatives) against the response headers. */
export function judgeHeader(item: string, headers: Record<string, string>, o: RuleOptions): Verdict {
  const alternatives = item.split('|').map((a) => a.trim().toLowerCase());
  // The frame rule is the rule: X-Frame-Options alone is also satisfied by CSP frame-ancestors.
  if (alternatives.includes('x-frame-options') && !alternatives.includes('csp frame-ancestors')) {
    alternatives.push('csp frame-ancestors');
  }
  if (alternatives.length === 1 && alternatives[0] === 'strict-transport-security' && !o.https) {
    return { kind: 'skip', reason: 'HSTS only applies to https URLs' };
  }
  let weak: Verdict | undefined;
  for (const name of alternatives) {
    if (name === 'csp frame-ancestors') {
      const csp = frameAncestors(headers);
      if (csp) return { kind: 'ok', name: 'content-security-policy', value: csp };
      continue;
    }
    const value = headers[name];
    if (value === undefined) continue;
    const problem = RULES[name]?.(value, o);
    if (!problem) return { kind: 'ok', name, value };
    weak ??= { kind: 'weak', name, reason: problem };
  }
  return weak ?? { kind: 'missing' };
}
