/**
 * SARIF 2.1.0 of a run's findings that have a file location (committed secrets with file and
 * line, compose port bindings, any evidence naming a `file`; policy warnings), so GitHub code
 * scanning lists them: one rule per control, one result per failed or waived located row
 * (a waived one carries its waiver as an accepted suppression). Files inside the workspace
 * are given relative to it (code scanning links them); others keep the repository or host
 * they were read on as a base (`originalUriBaseIds`). Pure.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Severity } from '../policies/types.ts';
import { rowTitle } from './ci-annotations.ts';
import { type FileLocation, locationOf, warningLocation } from './ci-locations.ts';
import type { Provenance } from './provenance.ts';
import type { Row } from './rows.ts';

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub's `security-severity` (0–10) orders alerts as critical, high, medium, low. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};
const LINT_RULE = 'readyspec/policy-warning';

export interface SarifInput {
  rows: readonly Row[];
  warnings: readonly string[];
  provenance?: Provenance;
  /** The checkout GitHub scans (GITHUB_WORKSPACE, else the working directory). */
  workspace: string;
  /** Policy warnings name files relative to this directory (the run's working directory). */
  cwd: string;
  endedAt: string;
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : undefined;
};

class Bases {
  readonly ids = new Map<string, string>();
  readonly table: Record<string, Json> = {};
  id(key: string, base: Json): string {
    let id = this.ids.get(key);
    if (!id) {
      id = `ROOT${this.ids.size + 1}`;
      this.ids.set(key, id);
      this.table[id] = base;
    }
    return id;
  }
}

/** `local:/srv/repo` → { where: 'local', dir: '/srv/repo' }; `master:/srv/a.yml:12` → master, /srv/a.yml. */
function sourceOf(source: string | undefined): { where: string; dir: string } | undefined {
  const m = /^([^:/]*):(\/[^:]*)/.exec(source ?? '');
  return m ? { where: m[1] as string, dir: m[2] as string } : undefined;
}

function artifactOf(row: Row, loc: FileLocation, input: SarifInput, bases: Bases): Json {
  const from = sourceOf(loc.source);
  const local = from?.where === 'local' || row.target === 'local';
  const absolute = isAbsolute(loc.file) ? loc.file : from ? resolve(from.dir, loc.file) : undefined;
  const inWorkspace = local && absolute ? inside(input.workspace, absolute) : undefined;
  if (inWorkspace) return { uri: inWorkspace.split('\\').join('/') };
  if (isAbsolute(loc.file)) {
    const id = bases.id(`${row.target}\0/`, {
      ...(local ? { uri: 'file:///' } : {}),
      description: { text: `the file system of ${row.target}` },
    });
    return { uri: encodeURI(loc.file.slice(1)), uriBaseId: id };
  }
  const dir = from?.dir ?? '';
  const id = bases.id(`${row.target}\0${dir}`, {
    ...(local && dir ? { uri: `file://${encodeURI(dir.endsWith('/') ? dir : `${dir}/`)}` } : {}),
    description: { text: `repository ${loc.source ?? row.target}` },
  });
  return { uri: encodeURI(loc.file), uriBaseId: id };
}

function fingerprint(...parts: (string | number | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\0'))
    .digest('hex');
}

/** The SARIF log of a run (an object; JSON.stringify it to write). */
export function renderSarif(input: SarifInput): Json {
  const bases = new Bases();
  const rules: Json[] = [];
  const ruleIndex = new Map<string, number>();
  const ruleOf = (row: Row): number => {
    let i = ruleIndex.get(row.id);
    if (i === undefined) {
      i = rules.length;
      ruleIndex.set(row.id, i);
      rules.push({
        id: row.id,
        name: row.check,
        shortDescription: { text: row.title },
        ...(row.remediation ? { help: { text: row.remediation } } : {}),
        defaultConfiguration: { level: LEVEL[row.severity] },
        properties: {
          category: row.category,
          severity: row.severity,
          'security-severity': SECURITY_SEVERITY[row.severity],
          tags: ['readyspec', row.category, ...(row.tags ?? [])],
        },
      });
    }
    return i;
  };
  const results: Json[] = [];
  for (const row of input.rows) {
    if (row.outcome !== 'fail' && row.outcome !== 'waived') continue;
    const loc = locationOf(row);
    if (!loc) continue;
    const artifactLocation = artifactOf(row, loc, input, bases);
    const regions = loc.lines.length ? loc.lines : [undefined];
    for (const line of regions)
      results.push({
        ruleId: row.id,
        ruleIndex: ruleOf(row),
        level: LEVEL[row.severity],
        message: { text: `${rowTitle(row)}: ${row.message}` },
        locations: [
          { physicalLocation: { artifactLocation, ...(line ? { region: { startLine: line } } : {}) } },
        ],
        partialFingerprints: {
          'readyspecFinding/v1': fingerprint(row.id, row.target, row.subject, loc.file, line),
        },
        ...(row.outcome === 'waived' && row.waiver
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: row.waiver.status === 'active' ? 'accepted' : 'rejected',
                  justification: `${row.waiver.justification} (owner ${row.waiver.owner}, approved by ${row.waiver.approver}, expires ${row.waiver.expires})`,
                },
              ],
            }
          : {}),
        properties: { target: row.target, ...(row.subject === undefined ? {} : { subject: row.subject }) },
      });
  }
  for (const warning of input.warnings) {
    const w = warningLocation(warning);
    if (!w) continue;
    if (!ruleIndex.has(LINT_RULE)) {
      ruleIndex.set(LINT_RULE, rules.length);
      rules.push({
        id: LINT_RULE,
        name: 'policy-warning',
        shortDescription: {
          text: 'The policy loaded with a warning (an expired waiver, a weak secret reference…)',
        },
        defaultConfiguration: { level: 'warning' },
      });
    }
    const abs = resolve(input.cwd, w.file);
    const rel = inside(input.workspace, abs);
    const artifactLocation = rel ? { uri: rel } : { uri: `file://${encodeURI(abs)}` };
    const region = w.line
      ? { region: { startLine: w.line, ...(w.column ? { startColumn: w.column } : {}) } }
      : {};
    results.push({
      ruleId: LINT_RULE,
      ruleIndex: ruleIndex.get(LINT_RULE),
      level: 'warning',
      message: { text: w.message },
      locations: [{ physicalLocation: { artifactLocation, ...region } }],
      partialFingerprints: { 'readyspecFinding/v1': fingerprint(LINT_RULE, w.file, w.message) },
    });
  }
  const p = input.provenance;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'readyspec', version: p?.readyspec ?? 'unknown', rules } },
        invocations: [
          {
            executionSuccessful: true,
            ...(p ? { startTimeUtc: p.startedAt, machine: p.host } : {}),
            endTimeUtc: input.endedAt,
          },
        ],
        ...(Object.keys(bases.table).length ? { originalUriBaseIds: bases.table } : {}),
        results,
        ...(p ? { properties: { policyDigest: p.policy.digest, policyCommit: p.policy.commit } } : {}),
      },
    ],
  };
}
