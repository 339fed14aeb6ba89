/**
 * Size caps on what leaves a probe: a target can answer 8 MB of JSON, and a probe may quote it.
 * Every result's message and evidence is bounded here, once, where the engine turns results
 * into test metas: the documents, results.json, the console and marked only ever see bounded
 * text. A string is redacted before it is cut, so a cut never leaves half a secret that the
 * reporter's redaction (by whole value) could no longer recognise.
 */
import type { Json } from '../../checks/probe.ts';

export const MAX_MESSAGE_CHARS = 2000;
export const MAX_EVIDENCE_STRING_CHARS = 4096;
/** All of one row's evidence, roughly in JSON characters. */
export const MAX_EVIDENCE_CHARS = 32_768;
const MAX_ITEMS = 200;
const MAX_DEPTH = 16;

export type Redact = (text: string) => string;

function cut(text: string, max: number, redact: Redact): string {
  if (text.length <= max) return text;
  const safe = redact(text);
  if (safe.length <= max) return safe;
  return `${safe.slice(0, max - 40)}… [cut: ${safe.length} characters in all]`;
}

/** A message of at most MAX_MESSAGE_CHARS characters. */
export function boundMessage(message: string, redact: Redact): string {
  return cut(message, MAX_MESSAGE_CHARS, redact);
}

/**
 * Evidence with every string, list, object and nesting level bounded, and a total budget.
 * @example boundEvidence({ body: 'x'.repeat(1e6) }, (s) => s) // { body: 'xxxx…… [cut: 1000000 characters in all]' }
 */
export function boundEvidence(evidence: Json | undefined, redact: Redact): Json | undefined {
  let budget = MAX_EVIDENCE_CHARS;
  const walk = (v: Json, depth: number): Json => {
    if (budget <= 0) return '… [evidence cut]';
    if (typeof v === 'string') {
      const s = cut(v, Math.min(MAX_EVIDENCE_STRING_CHARS, Math.max(64, budget)), redact);
      budget -= s.length + 2;
      return s;
    }
    if (v === null || typeof v !== 'object') {
      budget -= 8;
      return v;
    }
    if (depth >= MAX_DEPTH) {
      budget -= 40;
      return `[nested deeper than ${MAX_DEPTH} levels]`;
    }
    if (Array.isArray(v)) {
      const out: Json[] = [];
      for (let i = 0; i < v.length && i < MAX_ITEMS && budget > 0; i++)
        out.push(walk(v[i] as Json, depth + 1));
      if (out.length < v.length) out.push(`… ${v.length - out.length} more`);
      return out;
    }
    const out: Record<string, Json> = {};
    let n = 0;
    let total = 0;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      total++;
      if (n >= MAX_ITEMS || budget <= 0) continue;
      n++;
      const k = cut(key, 200, redact);
      budget -= k.length + 3;
      out[k] = walk((v as Record<string, Json>)[key] as Json, depth + 1);
    }
    if (total > n) out['…'] = `${total - n} more keys`;
    return out;
  };
  return evidence === undefined ? undefined : walk(evidence, 0);
}
