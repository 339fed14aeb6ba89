/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose variables are written as in compose files */
import { describe, expect, it } from 'vitest';
import { composeBindings, interpolate, shortSyntax } from './compose-file.ts';

describe('compose short syntax', () => {
  it.each([
    ['80', { hostIp: '', hostPort: '', containerPort: '80/tcp' }],
    ['8080:80', { hostIp: '', hostPort: '8080', containerPort: '80/tcp' }],
    ['127.0.0.1:8080:80', { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80/tcp' }],
    ['127.0.0.1::5000', { hostIp: '127.0.0.1', hostPort: '', containerPort: '5000/tcp' }],
    ['[::1]:6001:6001', { hostIp: '::1', hostPort: '6001', containerPort: '6001/tcp' }],
    ['[::]:9090:9090', { hostIp: '::', hostPort: '9090', containerPort: '9090/tcp' }],
    ['::1:6000:6000', { hostIp: '::1', hostPort: '6000', containerPort: '6000/tcp' }],
    ['6060:6060/udp', { hostIp: '', hostPort: '6060', containerPort: '6060/udp' }],
    ['5000-5010:5000-5010', { hostIp: '', hostPort: '5000-5010', containerPort: '5000-5010/tcp' }],
    ['${PORT:-80}:80', { hostIp: '', hostPort: '80', containerPort: '80/tcp' }],
    [
      '${BIND-127.0.0.1}:${PORT:-8080}:80',
      { hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80/tcp' },
    ],
    ['${PORT}:80', { hostIp: '', hostPort: '${PORT}', containerPort: '80/tcp' }],
    ['${PORT:?required}:80', { hostIp: '', hostPort: '${PORT}', containerPort: '80/tcp' }],
  ])('%s', (entry, expected) => {
    expect(shortSyntax(entry)).toEqual(expected);
  });
});

describe('compose variables', () => {
  it.each([
    ['$$HOME', '$HOME'],
    ['$PORT', '${PORT}'],
    ['${A:-}x', 'x'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text)).toEqual(expected);
  });
});

describe('compose files', () => {
  it('reads short and long syntax of every service, numbers included', () => {
    const text = `services:
  web:
    ports: [8080, "127.0.0.1:80:80"]
  db:
    ports:
      - target: 5432
        published: 15432
        host_ip: 0.0.0.0
      - target: 53
        protocol: udp
  idle: {}
  empty:
`;
    expect(composeBindings(text).map((b) => [b.service, b.hostIp, b.hostPort, b.containerPort])).toEqual([
      ['web', '', '', '8080/tcp'],
      ['web', '127.0.0.1', '80', '80/tcp'],
      ['db', '0.0.0.0', '15432', '5432/tcp'],
      ['db', '', '', '53/udp'],
    ]);
  });

  it.each([
    ['an empty document', ''],
    ['a list', '- a\n- b\n'],
    ['broken YAML', 'services: [\n'],
  ])('throws on %s', (_, text) => {
    expect(() => composeBindings(text)).toThrow();
  });
});
