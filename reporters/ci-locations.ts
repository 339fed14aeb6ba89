/**
 * Where in a file a finding lies, read from a row's evidence: `file` (a path in the audited
 * repository, or an absolute path on the target), and lines from `findings[].line` (secrets),
 * the not-allowed items of `observed[]` (compose bindings) or `line`. Policy warnings name
 * their file too. Only findings with a file are located; the rest have no place in SARIF. Pure.
 */
import type { Row } from './rows.ts';

export interface FileLocation {
  /** As the evidence names it: relative to the repository (`source`), or absolute on the target. */
  file: string;
  /** 1-based lines of the finding; empty when the evidence names the file only. */
  lines: number[];
  /** Where the file was read (`local:/srv/repo`, `master:/srv/app/compose.yml:12`). */
  source?: string;
}

const isLine = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

function linesOf(items: unknown, keep: (item: Record<string, unknown>) => boolean): number[] {
  if (!Array.isArray(items)) return [];
  const lines = new Set<number>();
  for (const item of items)
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      if (isLine(o.line) && keep(o)) lines.add(o.line);
    }
  return [...lines].sort((a, b) => a - b);
}

/** The file location a row's evidence gives, if any. */
export function locationOf(row: Row): FileLocation | undefined {
  const ev = row.evidence;
  if (!ev || typeof ev !== 'object' || Array.isArray(ev)) return undefined;
  const e = ev as Record<string, unknown>;
  if (typeof e.file !== 'string' || e.file === '') return undefined;
  let lines = linesOf(e.findings, () => true);
  if (lines.length === 0) lines = linesOf(e.observed, (o) => o.allowed === false);
  if (lines.length === 0 && isLine(e.line)) lines = [e.line];
  return { file: e.file, lines, source: typeof e.source === 'string' ? e.source : undefined };
}

export interface WarningLocation {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * A policy warning's file: `policy/waivers.yaml /waivers/0: … expired …` (file and JSON path)
 * or `policy/a.yaml:4:7: …` (file, line, column).
 */
export function warningLocation(warning: string): WarningLocation | undefined {
  const lined = /^(\S+?\.ya?ml):(\d+)(?::(\d+))?: ([\s\S]+)$/.exec(warning);
  if (lined)
    return {
      file: lined[1] as string,
      line: Number(lined[2]),
      column: lined[3] ? Number(lined[3]) : undefined,
      message: lined[4] as string,
    };
  const pathed = /^(\S+?\.ya?ml)(?: (\/\S*))?: ([\s\S]+)$/.exec(warning);
  if (pathed)
    return {
      file: pathed[1] as string,
      message: pathed[2] ? `${pathed[2]}: ${pathed[3]}` : (pathed[3] as string),
    };
  return undefined;
}
