/**
 * "The sign-off of phase X", found one way for the acceptance check and the reporter: the
 * document the policy names for the phase (e.g. committed in the user's repository), else the
 * newest filled sign-off among the reporter's dated `<reportsDir>/<YYYY-MM-DD>/<phase>/USER_ACCEPTANCE.md`,
 * else the newest of those documents (unsigned).
 */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCEPTANCE_FILE, phaseDir } from '../../reporters/acceptance.ts';
import { isoDay } from '../../reporters/iso-date.ts';
import { parseSignoff } from '../../reporters/signoff.ts';
import type { FoundSignoff } from './judge.ts';

/** An acceptance document is prose and a checklist; anything larger is not read whole. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

export interface AcceptanceDocument {
  path: string;
  text: string;
}

export interface SignoffSources {
  /** The phase's own document, already resolved against the policy's directory. */
  document?: string;
  reportsDir: string;
  /** The run's date (rubric time zone): folders dated after it (a replayed clock) are not read. */
  today: string;
}

/** Reads a document, refusing one over MAX_DOCUMENT_BYTES with a message naming it. */
export async function readDocument(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > MAX_DOCUMENT_BYTES) {
      throw new Error(
        `${path} is ${size} bytes, over the ${MAX_DOCUMENT_BYTES} bytes an acceptance document may have`,
      );
    }
    return await file.readFile('utf8');
  } finally {
    await file.close();
  }
}

/**
 * The phase's generated acceptance documents dated up to `today`, newest date first, read one
 * at a time (a caller that stops at the first signed one reads no older file).
 * @example for await (const d of generatedDocuments('reports', 'phase-1', '2025-06-15')) d.path // 'reports/2025-06-15/phase-1/USER_ACCEPTANCE.md'
 */
export async function* generatedDocuments(
  reportsDir: string,
  phase: string,
  today: string,
): AsyncGenerator<AcceptanceDocument> {
  const dates = await readdir(reportsDir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  const last = isoDay(today) ?? Number.POSITIVE_INFINITY;
  const days = dates
    .map((d) => ({ d, day: isoDay(d) }))
    .filter((x): x is { d: string; day: number } => x.day !== undefined && x.day <= last)
    .sort((a, b) => b.day - a.day);
  for (const { d } of days) {
    const path = join(reportsDir, d, phaseDir(phase), ACCEPTANCE_FILE);
    const text = await readDocument(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (text !== undefined) yield { path, text };
  }
}

/**
 * The sign-off of a phase: what the acceptance check judges and every document shows.
 * Throws when a document that is there cannot be read (the check reports it as an error).
 * @example await findPhaseSignoff('go-live', { reportsDir: 'reports', today: '2025-06-15' })
 */
export async function findPhaseSignoff(phase: string, where: SignoffSources): Promise<FoundSignoff> {
  if (where.document) {
    const text = await readDocument(where.document);
    return { source: 'policy', path: where.document, signoff: parseSignoff(text) };
  }
  // Later runs regenerate an unsigned document beside a signed one: the newest signed one counts.
  // A newer sign-off that cannot be read counts too (as unreadable): an older one never overrules it.
  let newest: FoundSignoff | undefined;
  for await (const d of generatedDocuments(where.reportsDir, phase, where.today)) {
    const signoff = parseSignoff(d.text);
    if (signoff?.written) return { source: 'reports', path: d.path, signoff };
    newest ??= { source: 'reports', path: d.path, signoff };
  }
  return newest ?? { source: 'reports' };
}
