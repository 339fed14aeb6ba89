import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, sh, shellQuote } from './command.ts';

const hostile = [
  '; rm -rf /',
  '$(touch /tmp/readyspec-pwned)',
  '`id`',
  "it's",
  'a\nb',
  '',
  '--help',
  '"double" \\ back',
  '*',
];

describe('shellQuote', () => {
  it.each(hostile)('passes %j through dash and bash as one inert argument', (value) => {
    for (const shell of ['/bin/sh', '/bin/bash']) {
      const out = execFileSync(shell, ['-c', `printf '%s\\0' ${shellQuote(value)}`]).toString();
      expect(out).toBe(`${value}\0`);
    }
  });

  it('leaves plain words unquoted so plans stay readable', () => {
    expect(shellQuote('/var/lib/docker')).toBe('/var/lib/docker');
  });
});

describe('sh', () => {
  it('records the template and quotes each argument', () => {
    const cmd = sh`stat -c ${'%a'} ${['a b', 'c']}`;
    expect(cmd.template).toBe('stat -c {} {}');
    expect(cmd.script).toBe("stat -c %a 'a b' c");
  });
});

describe('commandLine', () => {
  it('shows the arguments used, quoted as sent, never the template placeholders', () => {
    const cmd = sh`stat -c ${'%a %U'} -- ${'/etc/a b'}`;
    expect(commandLine(cmd)).toBe("stat -c '%a %U' -- '/etc/a b'");
    expect(commandLine(cmd)).not.toContain('{}');
  });

  it('cuts a long script so evidence stays bounded', () => {
    const shown = commandLine(sh`printf %s ${'x'.repeat(5000)}`);
    expect(shown.length).toBe(400);
    expect(shown.endsWith('…')).toBe(true);
  });
});
