/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: a compose variable as written in compose files */
import { describe, expect, it } from 'vitest';
import { type BindingRule, bindingJudge, bindingRuleProblems, inScope } from './bindings.ts';

const b = (hostIp: string, hostPort: string) => ({ hostIp, hostPort, containerPort: '80/tcp' });

describe('the binding rule', () => {
  it.each<[string, ReturnType<typeof b>, BindingRule, string | null]>([
    ['loopback v4, any port', b('127.0.0.1', '8080'), {}, null],
    ['another loopback address is loopback', b('127.0.0.21', '8080'), {}, null],
    ['loopback v6, any port', b('::1', '8080'), {}, null],
    ['bracketed loopback v6', b('[::1]', '8080'), {}, null],
    ['v4-mapped loopback', b('::ffff:127.0.0.1', '8080'), {}, null],
    ['0.0.0.0 on an allowlisted port', b('0.0.0.0', '443'), {}, null],
    [':: on an allowlisted port', b('::', '25'), {}, null],
    ['a public address on an allowlisted port', b('203.0.113.5', '80'), {}, null],
    ['an allowlisted range', b('', '465-465'), {}, null],
    ['0.0.0.0 on another port', b('0.0.0.0', '8080'), {}, 'port 8080 published on every address'],
    ['empty address means every address', b('', '5432'), {}, 'port 5432 published on every address'],
    ['a public address', b('203.0.113.5', '22'), {}, 'port 22 published on 203.0.113.5'],
    ['a private address by default', b('10.0.0.5', '22'), {}, 'port 22 published on 10.0.0.5'],
    ['a range leaving the allowlist', b('0.0.0.0', '442-444'), {}, 'port 442,444 published'],
    ['a random host port', b('', ''), {}, 'a random host port is published on every address'],
    ['an unresolved variable', b('', '${PORT}'), {}, 'cannot be resolved'],
    ['an unresolved address', b('${IP}', '8080'), {}, 'published on ${IP} (not an address)'],
    ['a custom allowlist', b('0.0.0.0', '8080'), { allowPorts: [8080] }, null],
    ['a custom address', b('10.0.0.5', '8080'), { allowAddresses: ['10.0.0.5'] }, null],
    ['a CIDR range', b('10.1.2.3', '8080'), { allowAddresses: ['10.0.0.0/8'] }, null],
    [
      'outside a CIDR range',
      b('11.1.2.3', '8080'),
      { allowAddresses: ['10.0.0.0/8'] },
      'published on 11.1.2.3',
    ],
    ['the private name', b('192.168.1.9', '8080'), { allowAddresses: ['private'] }, null],
    ['a v6 range', b('fd00::5', '8080'), { allowAddresses: ['fd00::/8'] }, null],
    ['0.0.0.0 is not in private', b('0.0.0.0', '8080'), { allowAddresses: ['private'] }, 'every address'],
    ['0.0.0.0 when allowed as such', b('0.0.0.0', '8080'), { allowAddresses: ['0.0.0.0'] }, null],
    [
      'loopback only as configured',
      b('127.0.0.21', '8080'),
      { allowAddresses: ['127.0.0.1'] },
      'published on 127.0.0.21',
    ],
    [
      'an empty port allowlist',
      b('0.0.0.0', '443'),
      { allowPorts: [] },
      'port 443 published on every address',
    ],
  ])('%s', (_, binding, rule, reason) => {
    const v = bindingJudge(rule)(binding);
    if (reason === null) expect(v.allowed, v.reason).toBe(true);
    else {
      expect(v.allowed).toBe(false);
      expect(v.reason).toContain(reason);
    }
  });

  it('names the binding as ip:port->container port and says why an allowed one is', () => {
    expect(bindingJudge({})(b('::', '9090')).binding).toBe('[::]:9090->80/tcp');
    expect(bindingJudge({})(b('127.0.0.21', '8080')).reason).toBe('127.0.0.21 is in the allowed addresses');
    expect(bindingJudge({})(b('0.0.0.0', '443')).reason).toBe('port 443 is allowed on every address');
  });

  it('refuses unparseable address entries with their JSON path', () => {
    expect(
      bindingRuleProblems({ allowAddresses: ['loopback', '127.0.0.300', '10.0.0.0/33', 'lan'] }),
    ).toEqual([
      { path: '/allowAddresses/1', message: expect.stringContaining('"127.0.0.300" is not an IP address') },
      {
        path: '/allowAddresses/2',
        message: expect.stringContaining('"10.0.0.0/33" is not an address range'),
      },
      { path: '/allowAddresses/3', message: expect.stringContaining('"lan"') },
    ]);
    expect(bindingRuleProblems({ allowAddresses: ['::1', 'private', '127.0.0.0/8'] })).toEqual([]);
  });

  it('scopes a check to the ports it names, host or container side', () => {
    const rule = { ports: [3306] };
    expect(inScope({ hostIp: '', hostPort: '13306', containerPort: '3306/tcp' }, rule)).toBe(true);
    expect(inScope({ hostIp: '', hostPort: '3300-3310', containerPort: '80/tcp' }, rule)).toBe(true);
    expect(inScope({ hostIp: '', hostPort: '8080', containerPort: '80/tcp' }, rule)).toBe(false);
    expect(inScope({ hostIp: '', hostPort: '8080', containerPort: '80/tcp' }, {})).toBe(true);
  });
});
