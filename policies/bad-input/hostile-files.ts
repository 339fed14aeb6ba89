/** Catalogue cases: policy files that would exhaust the machine (issue 10, 4). */
import type { Case } from './case.ts';
import { one } from './case.ts';

function aliasBomb(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const name of 'bcdefghi') {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = name;
  }
  return `${text}controls: [*${prev}]\n`;
}

export const hostileFileCases: Case[] = [
  { name: 'a YAML alias bomb', files: one(aliasBomb()), exit: 2, head: /YAML aliases expand to more than/ },
  {
    name: '/dev/zero as the policy',
    source: '/dev/zero',
    exit: 2,
    head: /\/dev\/zero: is a character device/,
  },
  {
    name: '/dev/zero linked into the policy dir',
    device: '/dev/zero',
    exit: 2,
    head: /zero\.yaml: is a character device/,
  },
  { name: 'a FIFO', fifo: 'pipe.yaml', exit: 2, head: /pipe\.yaml: is a named pipe \(FIFO\)/ },
  {
    name: 'a sequence 200,000 deep',
    files: one(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    exit: 2,
    head: /nested too deep to read/,
  },
];
