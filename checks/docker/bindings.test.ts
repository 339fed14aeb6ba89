/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: a compose variable as written in compose files */
import { describe, expect, it } from 'vitest';
import { bindingViolation } from './bindings.ts';

const b = (hostIp: string, hostPort: string) => ({ hostIp, hostPort, containerPort: '80/tcp' });

describe('the binding rule', () => {
  it.each([
    ['loopback v4, any port', b('127.0.0.1', '8080'), {}, null],
    ['loopback v6, any port', b('::1', '8080'), {}, null],
    ['bracketed loopback v6', b('[::1]', '8080'), {}, null],
    ['0.0.0.0 on an allowlisted port', b('0.0.0.0', '443'), {}, null],
    [':: on an allowlisted port', b('::', '25'), {}, null],
    ['a public address on an allowlisted port', b('203.0.113.5', '80'), {}, null],
    ['an allowlisted range', b('', '465-465'), {}, null],
    ['0.0.0.0 on another port', b('0.0.0.0', '8080'), {}, 'port 8080 published on every address'],
    ['empty address means every address', b('', '5432'), {}, 'port 5432 published on every address'],
    ['a public address', b('203.0.113.5', '22'), {}, 'port 22 published on 203.0.113.5'],
    ['a range leaving the allowlist', b('0.0.0.0', '442-444'), {}, 'port 442,444 published'],
    ['a random host port', b('', ''), {}, 'a random host port is published on every address'],
    ['an unresolved variable', b('', '${PORT}'), {}, 'cannot be resolved'],
    ['a custom allowlist', b('0.0.0.0', '8080'), { allowPorts: [8080] }, null],
    ['a custom address list', b('10.0.0.5', '8080'), { allowAddresses: ['10.0.0.5'] }, null],
    [
      'an empty port allowlist',
      b('0.0.0.0', '443'),
      { allowPorts: [] },
      'port 443 published on every address',
    ],
  ])('%s', (_, binding, rule, reason) => {
    const v = bindingViolation(binding, rule);
    if (reason === null) expect(v).toBeNull();
    else expect(v?.reason).toContain(reason);
  });

  it('names the binding as ip:port->container port', () => {
    expect(bindingViolation(b('::', '9090'), {})?.binding).toBe('[::]:9090->80/tcp');
  });
});
