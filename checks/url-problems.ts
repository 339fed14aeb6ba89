/**
 * A URL a policy gives (an endpoint, a token URL, a receiver's record): it must parse as
 * http(s) and name a port from 1 to 65535, so a typo is refused at load instead of after every
 * other target was probed. Light: the loader and params checks import it.
 */

const PORT = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):(\d+)(?=[/?#]|$)/i;

/**
 * What is wrong with `value` as an http(s) URL, or undefined when nothing is.
 * @example urlProblem('http://127.0.0.1:70000/') // 'port 70000 of "http://127.0.0.1:70000/" is over 65535'
 */
export function urlProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
  const port = PORT.exec(value)?.[1];
  if (port !== undefined && (Number(port) > 65535 || Number(port) < 1))
    return `port ${port.length > 8 ? `${port.slice(0, 8)}…` : port} of ${shown} is not from 1 to 65535`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${shown} is not a URL (expected http://host[:port]/path or https://…)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${shown} is not an http or https URL`;
  if (url.hostname === '') return `${shown} names no host`;
  return undefined;
}
