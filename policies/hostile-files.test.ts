/**
 * Hostile policy files end in one plain line each, in bounded time and memory: a FIFO, a
 * device, a directory, an oversized file, an alias bomb, a cycle, nesting 200,000 deep, a huge
 * value in a schema error, and patterns RE2 cannot run (params and inventory).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PolicyError, shortJson } from './errors.ts';
import { loadPolicy } from './load.ts';
import { MAX_POLICY_FILE_BYTES } from './read-file.ts';
import { MAX_ALIAS_NODES, MAX_DEPTH, yamlBoundsProblem } from './yaml-bounds.ts';

const valid = `inventory:
  endpoints: [{ name: site, url: "http://127.0.0.1:1/" }]
controls:
  - { id: AVA-HTTP-001, title: Site answers, category: availability, severity: high, check: http.status }
`;

function aliasBomb(levels: number): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const name of 'bcdefghijk'.slice(0, levels)) {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = name;
  }
  return `${text}controls: [*${prev}]\n`;
}

type Make = (dir: string) => string;
const file =
  (name: string, text: string): Make =>
  (dir) => {
    writeFileSync(join(dir, name), text);
    return dir;
  };

const cases: [string, Make, RegExp][] = [
  [
    'a FIFO in the policy directory',
    (dir) => {
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
      return dir;
    },
    /pipe\.yaml: is a named pipe \(FIFO\), not a regular file$/m,
  ],
  [
    'a symlink to /dev/zero',
    (dir) => {
      symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
      return dir;
    },
    /zero\.yaml: is a character device, not a regular file$/m,
  ],
  ['/dev/zero named as the policy', () => '/dev/zero', /^ {2}\/dev\/zero: is a character device/m],
  [
    'a directory named like a YAML file',
    (dir) => {
      mkdirSync(join(dir, 'sub.yaml'));
      return dir;
    },
    /sub\.yaml: is a directory, not a regular file$/m,
  ],
  [
    'a file over the size limit',
    file('big.yaml', `# ${'x'.repeat(MAX_POLICY_FILE_BYTES)}\n`),
    /big\.yaml: is 8388611 bytes; a policy file may be at most 8388608 bytes \(8 MiB\)$/m,
  ],
  [
    'an alias bomb (9^9 nodes)',
    file('bomb.yaml', aliasBomb(8)),
    /bomb\.yaml: YAML aliases expand to more than 100000 extra nodes/,
  ],
  [
    'an alias cycle',
    file('cycle.yaml', 'controls: &a [*a]\n'),
    /cycle\.yaml: a YAML alias refers to a node that contains it/,
  ],
  [
    'a flow sequence 200,000 deep',
    file('deep.yaml', `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    /deep\.yaml: nested too deep to read \(a policy may nest at most 64 levels\)$/m,
  ],
  [
    'block mappings 70 deep (parsed, then refused)',
    file('deep.yaml', `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`),
    /deep\.yaml: nested more than 64 levels deep/,
  ],
  [
    'a 4 MB value where a string is expected',
    file('huge.yaml', `${valid}rubric: { timezone: [${Array(400_000).fill('"xxxxxxx"').join(',')}] }\n`),
    /huge\.yaml \/rubric\/timezone: must be string \(got \["xxxxxxx","xxxxxxx",.{0,60}…\)$/m,
  ],
  [
    'a body pattern RE2 cannot run',
    file(
      'p.yaml',
      `${valid}  - { id: AVA-HTTP-002, title: Body, category: availability, severity: low, check: http.body, params: { pattern: "(a+)+(?=b)" } }\n`,
    ),
    /p\.yaml \/controls\/1\/params\/pattern: control AVA-HTTP-002: pattern \/\(a\+\)\+\(\?=b\)\/ uses syntax the linear-time engine \(RE2\) does not run/,
  ],
  [
    'a JSON expectation that is no regular expression',
    file(
      'p.yaml',
      `${valid}  - { id: AVA-HTTP-003, title: Json, category: availability, severity: low, check: http.json, params: { expect: [{ path: a }, { path: b, matches: "[" }] } }\n`,
    ),
    /\/controls\/1\/params\/expect\/1\/matches: control AVA-HTTP-003: pattern \/\[\/ is not a valid regular expression/,
  ],
  [
    'an inventory authUrl with a backreference',
    file(
      'p.yaml',
      `inventory:\n  endpoints: [{ name: admin, url: "http://127.0.0.1:1/", protected: true, authUrl: "(x)\\\\1" }]\ncontrols:\n  - { id: SEC-AUTH-001, title: Login, category: security, severity: high, check: http.protected }\n`,
    ),
    /p\.yaml \/inventory\/endpoints\/0\/authUrl: endpoint "admin": authUrl pattern \/\(x\)\\1\/ uses syntax/,
  ],
];

describe('hostile policy files', () => {
  it.each(cases)('%s: one plain line, in bounded time', async (_what, make, expected) => {
    const source = make(mkdtempSync(join(tmpdir(), 'readyspec-hostile-')));
    const started = performance.now();
    const err = await loadPolicy(source, { today: '2026-11-23' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicyError);
    const message = (err as PolicyError).message;
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/\n\s+at /);
    expect(message.length).toBeLessThan(2000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('yamlBoundsProblem', () => {
  it('lets shared anchors through and measures an expansion without expanding it', () => {
    expect(yamlBoundsProblem(yaml.load('d: &d { a: 1, b: [1, 2] }\nx: [*d, *d, *d]'))).toBeUndefined();
    const shared = Array(1000).fill(Array(99).fill(0));
    expect(yamlBoundsProblem(shared)).toBeUndefined();
    expect(yamlBoundsProblem(Array(1200).fill(Array(99).fill(0)))).toMatch(String(MAX_ALIAS_NODES));
  });

  it('counts depth through shared nodes', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH - 1; i++) deep = [deep];
    expect(yamlBoundsProblem(deep)).toBeUndefined();
    expect(yamlBoundsProblem({ a: { b: deep } })).toMatch(/nested more than 64/);
  });
});

describe('shortJson', () => {
  it('serialises no more than it shows', () => {
    // Counts the elements read: a whole-value JSON.stringify would read all million.
    let read = 0;
    const huge = new Proxy(Array(1_000_000).fill('x'.repeat(100)), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(shortJson(huge, 20)).toBe('["xxxxxxxxxxxxxxxxx…');
    expect(read).toBeLessThan(100);
    expect(shortJson({ a: 1, b: [true, null] })).toBe('{"a":1,"b":[true,null]}');
  });
});
