/**
 * nginx configuration text → directives. A small tokenizer with nginx's own rules (npm's
 * nginx-conf keeps a directive's arguments as one unsplit string, which judging them needs):
 * whitespace separates words, `#` starts a comment, "…" and '…' quote with backslash escapes,
 * `;` ends a directive, `{ … }` holds a block, and `${name}` stays inside its word.
 */

export interface Directive {
  name: string;
  args: string[];
  /** Present for block directives (http, server, location…). */
  block?: Directive[];
  file: string;
  line: number;
}

export class ConfigParseError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ConfigParseError';
  }
}

interface Token {
  text: string;
  /** `;`, `{` or `}` outside quotes. */
  special: boolean;
  line: number;
}

/** Longest configuration accepted: a dump past this is refused, not parsed for minutes. */
const MAX_CHARS = 8_000_000;

/** @example tokenize('add_header X "a b" always;', 'f') // add_header, X, a b, always, ; */
export function tokenize(text: string, file: string): Token[] {
  if (text.length > MAX_CHARS)
    throw new ConfigParseError(`configuration longer than ${MAX_CHARS} characters`, file, 1);
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') line++;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';' || c === '{' || c === '}') {
      tokens.push({ text: c, special: true, line });
      i++;
      continue;
    }
    const start = line;
    let word = '';
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          // nginx keeps the backslash except before the quote itself (ngx_conf_read_token).
          const next = text[i + 1];
          word += next === c || next === '\\' ? next : `\\${next}`;
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        word += text[i++];
      }
      if (i >= text.length) throw new ConfigParseError(`unterminated ${c} quote`, file, start);
      i++;
      tokens.push({ text: word, special: false, line: start });
      continue;
    }
    while (i < text.length && !/[\s;{}]/.test(text[i])) {
      if (text[i] === '\\' && i + 1 < text.length) {
        word += text[i] + text[i + 1];
        i += 2;
        continue;
      }
      if (text[i] === '$' && text[i + 1] === '{') {
        const end = text.indexOf('}', i);
        if (end < 0) throw new ConfigParseError('unterminated ${', file, line);
        word += text.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      word += text[i++];
    }
    tokens.push({ text: word, special: false, line: start });
  }
  return tokens;
}

/**
 * Parses one file's text into its directives (includes are left as `include` directives).
 * @example parseConfig('server { listen 80; }', '/etc/nginx/nginx.conf')[0].block?.[0].args // ['80']
 */
export function parseConfig(text: string, file: string): Directive[] {
  const tokens = tokenize(text, file);
  let pos = 0;
  const parseBlock = (depth: number): Directive[] => {
    if (depth > 64)
      throw new ConfigParseError('blocks nested more than 64 deep', file, tokens[pos]?.line ?? 1);
    const out: Directive[] = [];
    while (pos < tokens.length) {
      const head = tokens[pos];
      if (head.special && head.text === '}') {
        if (depth === 0) throw new ConfigParseError('unexpected "}"', file, head.line);
        pos++;
        return out;
      }
      if (head.special) throw new ConfigParseError(`unexpected "${head.text}"`, file, head.line);
      pos++;
      const args: string[] = [];
      while (pos < tokens.length && !tokens[pos].special) args.push(tokens[pos++].text);
      const end = tokens[pos];
      if (!end) throw new ConfigParseError(`directive "${head.text}" has no ending ";"`, file, head.line);
      pos++;
      if (end.text === ';') out.push({ name: head.text, args, file, line: head.line });
      else if (end.text === '{')
        out.push({ name: head.text, args, block: parseBlock(depth + 1), file, line: head.line });
      else throw new ConfigParseError(`unexpected "}" after "${head.text}"`, file, end.line);
    }
    if (depth > 0)
      throw new ConfigParseError('unexpected end of file, expecting "}"', file, tokens.at(-1)?.line ?? 1);
    return out;
  };
  return parseBlock(0);
}
