/**
 * A secretlint rule (run by @secretlint/core beside the recommended preset) for what the preset
 * does not report: generic credential assignments in configuration files (`DB_PASSWORD=…` in a
 * .env, `password:` in YAML, `"api_key": "…"` in JSON), and documented example keys, which the
 * preset's AWS rule skips without a word. Reports carry the key name and a fingerprint, never
 * the value; the range given to secretlint is the value's, so its masking covers it too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { lintSource } from '@secretlint/core';
import { isSecretKey, placeholderReason } from './credential-values.ts';

type CoreRule = Parameters<typeof lintSource>[0]['options']['config']['rules'][number];
type RuleCreator = Extract<CoreRule['rule'], { meta: { type: 'scanner' | 'filter' } }>;

export const CREDENTIAL_RULE_ID = 'readyspec-credential-assignment';

/** Keys published in vendors' documentation as examples: not credentials, but never skipped silently. */
export const DOCUMENTED_EXAMPLES: readonly { value: string; what: string; doc: string }[] = [
  {
    value: 'AKIAIOSFODNN7EXAMPLE',
    what: 'AWS access key id',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
  {
    value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    what: 'AWS secret access key',
    doc: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
  },
];

/** File names whose lines are `key = value` settings (dotenv, ini, properties, YAML, TOML, JSON). */
const CONFIG_FILE =
  /(^|\/)(\.env(\.[^/]*)?|[^/]*\.(env|ini|cfg|cnf|conf|properties|ya?ml|toml|json|json5|tfvars)|Dockerfile(\.[^/]*)?|[^/]*\.dockerfile)$/i;
/**
 * A setting: optional `export `, a Dockerfile's `ENV `/`ARG ` or a YAML list dash, a key, `=`
 * or `:`, the rest of the line.
 */
const SETTING =
  /^[ \t]*(?:export[ \t]+|(?:ENV|ARG)[ \t]+|-[ \t]+)?["']?([A-Za-z_][A-Za-z0-9_.-]{0,127})["']?[ \t]*(=|:)(.*)$/;
const JSON_PAIR = /"([^"\\\n]{1,128})"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.){0,4096})"/g;
/** Longer lines are read only this far: a minified bundle must not cost a regex pass per byte. */
const MAX_LINE = 8192;

// Per process: equal fingerprints within a run mean the same value, yet one cannot confirm a
// guessed password against a report (a plain hash of a weak password could be looked up).
const FINGERPRINT_KEY = randomBytes(32);

/** `hmac:1a2b3c4d` of a value, meaningful only within this run. */
export function fingerprint(value: string): string {
  return `hmac:${createHmac('sha256', FINGERPRINT_KEY).update(value).digest('hex').slice(0, 8)}`;
}

export const credentialRule: RuleCreator = {
  messages: {
    GenericCredential: {
      en: (p: { KEY: string; FINGERPRINT: string; LENGTH: number }) =>
        `credential assigned to ${p.KEY} (${p.LENGTH} characters, ${p.FINGERPRINT})`,
    },
    DocumentedExampleKey: {
      en: (p: { WHAT: string; DOC: string }) => `documented example key: ${p.WHAT} published at ${p.DOC}`,
    },
  },
  meta: {
    id: CREDENTIAL_RULE_ID,
    recommended: true,
    type: 'scanner',
    supportedContentTypes: ['text'],
  },
  create(context) {
    const t = context.createTranslator(credentialRule.messages);
    return {
      file(source) {
        const text = source.content;
        for (const example of DOCUMENTED_EXAMPLES) {
          for (let at = text.indexOf(example.value); at >= 0; at = text.indexOf(example.value, at + 1)) {
            const message = t('DocumentedExampleKey', { WHAT: example.what, DOC: example.doc });
            context.report({ message, range: [at, at + example.value.length] });
          }
        }
        if (!CONFIG_FILE.test(source.filePath ?? '')) return;
        for (const a of assignments(text, /\.json5?$/i.test(source.filePath ?? ''))) {
          if (!isSecretKey(a.key) || placeholderReason(a.value) !== undefined) continue;
          if (DOCUMENTED_EXAMPLES.some((e) => e.value === a.value)) continue;
          const data = { KEY: a.key, FINGERPRINT: fingerprint(a.value), LENGTH: a.value.length };
          context.report({
            message: t('GenericCredential', data),
            range: [a.start, a.start + a.value.length],
          });
        }
      },
    };
  },
};

interface Assignment {
  key: string;
  value: string;
  /** Offset of the value in the file. */
  start: number;
}

/** Every `key = value` of a file, with the value's offset; JSON files by their string pairs. */
export function assignments(text: string, json: boolean): Assignment[] {
  const found: Assignment[] = [];
  if (json) {
    for (const m of text.matchAll(JSON_PAIR)) {
      const start = (m.index ?? 0) + m[0].lastIndexOf(m[2], m[0].length - 1);
      found.push({ key: m[1], value: m[2], start });
    }
    return found;
  }
  let offset = 0;
  for (const whole of text.split('\n')) {
    const line = whole.length > MAX_LINE ? whole.slice(0, MAX_LINE) : whole;
    const m = SETTING.exec(line);
    if (m) {
      const rest = m[3];
      const value = settingValue(rest);
      if (value)
        found.push({ key: m[1], value: value.text, start: offset + line.length - rest.length + value.at });
    }
    offset += whole.length + 1;
  }
  return found;
}

/** The value in the rest of a setting line: inside its quotes, or up to an inline comment. */
function settingValue(rest: string): { text: string; at: number } | undefined {
  const lead = rest.length - rest.trimStart().length;
  const body = rest.slice(lead);
  const quote = body[0];
  if (quote === '"' || quote === "'") {
    const end = body.indexOf(quote, 1);
    if (end < 0) return undefined;
    return { text: body.slice(1, end), at: lead + 1 };
  }
  // YAML block scalars and aliases hold no value on this line.
  if (/^[|>][-+0-9]*\s*(#.*)?$/.test(body) || body.startsWith('*')) return undefined;
  const comment = body.search(/\s[#;]/);
  const text = (comment < 0 ? body : body.slice(0, comment)).replace(/\s+$/, '').replace(/,$/, '');
  return text ? { text, at: lead } : undefined;
}
