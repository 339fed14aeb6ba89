/**
 * Required sections: a runbook without "Rollback" or a service doc without "Contacts" is not
 * ready, whatever else it says.
 */
import { fail, type ProbeResult, pass } from '../probe.ts';
import { documentProblem, readDocument } from './files.ts';
import { findHeading, parseMarkdown } from './markdown.ts';

export interface SectionsParams {
  /** Heading texts that must appear (any level, case ignored). */
  required: string[];
}

/**
 * Every required heading is present in the document.
 * @example await requiredSections('/srv/docs/RUNBOOK.md', { required: ['Rollback', 'Contacts'] })
 */
export async function requiredSections(file: string, p: SectionsParams): Promise<ProbeResult> {
  let doc: ReturnType<typeof parseMarkdown>;
  try {
    doc = parseMarkdown(await readDocument(file));
  } catch (err) {
    return documentProblem(err, file, { expected: p.required, source: file });
  }
  const missing = p.required.filter((h) => !findHeading(doc, h));
  const evidence = {
    observed: doc.headings.map((h) => h.text).slice(0, 100),
    expected: p.required,
    source: file,
    missing,
  };
  if (missing.length)
    return fail(`${file}: missing section(s) ${missing.map((m) => `"${m}"`).join(', ')}`, evidence);
  return pass(`${file}: all ${p.required.length} required sections present`, evidence);
}
