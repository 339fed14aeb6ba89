import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Ajv } from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { starterPolicy } from '../../bin/init.ts';
import { editorSchemaFile, generateEditorSchema } from './build-editor-schema.ts';
import { VALIDATOR_OPTIONS } from './validator-options.ts';

const root = resolve(import.meta.dirname, '../..');
const validate = new Ajv({ ...VALIDATOR_OPTIONS }).compile(
  JSON.parse(readFileSync(editorSchemaFile, 'utf8')),
);

function yamlUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlUnder(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** Every policy file the project ships or tests with (not the estate's answer sheet). */
const shipped = [
  ...[
    'policies/examples',
    'policies/packs',
    'policies/default',
    'fixtures/policies',
    'fixtures/estate/policy',
  ].flatMap((d) => yamlUnder(join(root, d))),
];

describe('editor schema', () => {
  it('is current (npm run build:schema; build:catalog runs it too)', () => {
    expect(readFileSync(editorSchemaFile, 'utf8')).toBe(generateEditorSchema());
  });

  it.each(shipped.map((f) => [relative(root, f), f]))(
    '%s has the modeline and is valid in the editor',
    (_n, file) => {
      const text = readFileSync(file, 'utf8');
      const expected = relative(dirname(file), editorSchemaFile);
      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${expected}`);
      // The estate policy is a template (${VAR} filled in by its test): only its modeline counts.
      if (file.includes('fixtures/estate/')) return;
      const ok = validate(yaml.load(text, { schema: yaml.JSON_SCHEMA }));
      expect(validate.errors ?? [], String(ok)).toEqual([]);
    },
  );

  it('flags a misspelt check and an unknown param, which the generic runtime schema cannot', () => {
    const doc = (check: string, params: object) => ({
      controls: [
        { id: 'AVL-HTTP-001', title: 't', category: 'availability', severity: 'low', check, params },
      ],
    });
    expect(validate(doc('http.status', { expect: [200] }))).toBe(true);
    expect(validate(doc('http.stauts', {}))).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'enum' && e.instancePath === '/controls/0/check')).toBe(
      true,
    );
    expect(validate(doc('http.latency', { p95Ms: 200, p59Ms: 1 }))).toBe(false);
    expect(
      validate.errors?.some(
        (e) =>
          e.keyword === 'additionalProperties' &&
          (e.params as { additionalProperty: string }).additionalProperty === 'p59Ms',
      ),
    ).toBe(true);
  });

  it('a scaffolded policy (readyspec init) is valid and carries the modeline', () => {
    const text = starterPolicy('../schema/policy.editor.schema.json', ['linux-baseline']);
    expect(text.startsWith('# yaml-language-server: $schema=../schema/policy.editor.schema.json\n')).toBe(
      true,
    );
    expect(validate(yaml.load(text, { schema: yaml.JSON_SCHEMA })), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });
});
