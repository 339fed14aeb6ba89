/**
 * Generates policies/schema/policy.editor.schema.json: the policy schema plus what only the
 * catalog knows — the check names as an enum (with each check's summary) and, through if/then
 * on `check`, each check's params schema — so an editor (yaml-language-server modeline) flags
 * `check: http.stauts` and unknown params. A separate file: the runtime validator stays the
 * small generic one (the loader validates params per check from checks/params-validators.js).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const schemaFile = fileURLToPath(new URL('./policy.schema.json', import.meta.url));
const catalogFile = fileURLToPath(new URL('../../checks/catalog-index.json', import.meta.url));
export const editorSchemaFile = fileURLToPath(new URL('./policy.editor.schema.json', import.meta.url));

interface CatalogEntry {
  name: string;
  summary: string;
  target: string;
  monitoringKind?: string;
  params: Record<string, unknown>;
}

/** The editor schema's text, from the policy schema and the catalog (texts given: a committed version). */
export function generateEditorSchema(
  schemaText = readFileSync(schemaFile, 'utf8'),
  catalogText = readFileSync(catalogFile, 'utf8'),
): string {
  const schema = JSON.parse(schemaText);
  const catalog = (JSON.parse(catalogText) as CatalogEntry[]).sort((a, b) => a.name.localeCompare(b.name));
  const control = schema.$defs.control;
  control.properties.check = {
    type: 'string',
    description: 'The check (probe) to run: `npx readyspec checks NAME` describes one.',
    enum: catalog.map((c) => c.name),
    // yaml-language-server and VS Code show these beside each completion.
    markdownEnumDescriptions: catalog.map((c) => `${c.summary} (target: ${kind(c)})`),
  };
  // JSON Schema's if/then, built as entries: an object literal with `then` reads as a thenable.
  control.allOf = catalog.map((c) =>
    Object.fromEntries([
      ['if', { properties: { check: { const: c.name } }, required: ['check'] }],
      ['then', { properties: { params: { description: `Params of ${c.name}: ${c.summary}`, ...c.params } } }],
    ]),
  );
  schema.$id = `${schema.$id ?? 'readyspec-policy'}#editor`;
  schema.description =
    `${schema.description ?? ''} Generated for editors by policies/schema/build-editor-schema.ts (npm run build:schema); do not edit.`.trim();
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function kind(c: CatalogEntry): string {
  return c.monitoringKind ? `${c.target} (${c.monitoringKind})` : c.target;
}
