/**
 * Local links resolve: a runbook that points at a moved file or a renamed heading sends the
 * operator nowhere at the worst moment. External links are not fetched (read-only, offline).
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Evidence, fail, type ProbeResult, pass } from '../probe.ts';
import { documentFiles, documentProblem, readDocument } from './files.ts';
import { anchors, linkTargets, type MarkdownDoc, parseMarkdown } from './markdown.ts';

export interface LinksParams {
  /** For a directory target: which files (default `**\/*.md`). */
  glob?: string;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Every relative link and `#anchor` in the document(s) points at an existing file and heading.
 * @example await localLinks('/srv/docs/README.md', {})
 */
export async function localLinks(path: string, p: LinksParams): Promise<ProbeResult> {
  const parsed = new Map<string, MarkdownDoc>();
  const load = async (file: string) => {
    if (!parsed.has(file)) parsed.set(file, parseMarkdown(await readDocument(file)));
    return parsed.get(file)!;
  };
  const broken: string[] = [];
  let checked = 0;
  try {
    for (const file of await documentFiles(path, p.glob)) {
      for (const href of linkTargets(await load(file))) {
        if (EXTERNAL.test(href)) continue;
        checked++;
        const problem = await checkLink(file, href, load);
        if (problem) broken.push(`${file}: ${href} (${problem})`);
      }
    }
  } catch (err) {
    return documentProblem(err, path, { expected: 'local links resolve', source: path });
  }
  const evidence: Evidence = {
    observed: { checked, broken: broken.length },
    expected: 'local links resolve',
    source: path,
    broken: broken.slice(0, 50),
  };
  if (broken.length)
    return fail(
      `${broken.length} of ${checked} local link(s) broken: ${broken.slice(0, 3).join('; ')}`,
      evidence,
    );
  return pass(`${checked} local link(s) resolve`, evidence);
}

async function checkLink(
  file: string,
  href: string,
  load: (f: string) => Promise<MarkdownDoc>,
): Promise<string | undefined> {
  const hash = href.indexOf('#');
  const rawPath = hash < 0 ? href : href.slice(0, hash);
  const anchor = hash < 0 ? '' : decodeURIComponent(href.slice(hash + 1));
  const target = rawPath ? resolve(dirname(file), decodeURIComponent(rawPath.split('?')[0])) : file;
  if (rawPath) {
    const info = await stat(target).catch(() => undefined);
    if (!info) return 'no such file';
    if (!anchor) return undefined;
    if (info.isDirectory() || !/\.(md|markdown)$/i.test(target)) return undefined;
  }
  if (!anchor) return undefined;
  const known = anchors(await load(target));
  return known.has(anchor) || known.has(anchor.toLowerCase()) ? undefined : `no heading #${anchor}`;
}
