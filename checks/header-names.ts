/**
 * HTTP header names and values from a policy, checked when it loads: a name must be an RFC 7230
 * token (the only names a server can send and undici can send), a value must hold no CR, LF or
 * NUL (header injection, and undici refuses them only at request time).
 */

// RFC 7230 3.2.6: token = 1*tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const shown = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * @example headerNameProblem('X Frame') // 'header name "X Frame" is not an RFC 7230 token (letters, digits and !#$%&\'*+-.^_`|~)'
 */
export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name)
    ? undefined
    : `header name ${shown(name)} is not an RFC 7230 token (letters, digits and !#$%&'*+-.^_\`|~)`;
}

/** @example headerValueProblem('a\r\nSet-Cookie: x') // 'header value … holds a CR, LF or NUL' */
export function headerValueProblem(value: string): string | undefined {
  return /[\r\n\0]/.test(value) ? `header value ${shown(value)} holds a CR, LF or NUL character` : undefined;
}

/** Header name problems of a list, each at `${base}/${i}`. */
export function headerNameProblems(base: string, names: string[] | undefined) {
  return (names ?? []).flatMap((name, i) => {
    const message = headerNameProblem(name);
    return message ? [{ path: `${base}/${i}`, message }] : [];
  });
}
