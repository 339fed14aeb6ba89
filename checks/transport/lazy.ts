/**
 * Loads a transport's implementation (and its heavy library: ssh2, dockerode, undici…) on the
 * first call instead of at import time, so an audit only pays for the transports it uses
 * and the catalog stays cheap to import for validation and planning.
 * Every method of T must return a promise (true of all our transports).
 */
export function lazyTransport<T extends object>(load: () => Promise<T>, fields: Partial<T> = {}): T {
  let instance: Promise<T> | undefined;
  const get = () => {
    instance ??= load();
    return instance;
  };
  return new Proxy(fields as T, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof T];
      if (prop === 'then') return undefined; // not a thenable
      // Closing a transport that was never used must not load it.
      if (prop === 'close' && !instance) return async () => {};
      return async (...args: unknown[]) => {
        const t = await get();
        const member = t[prop as keyof T];
        if (typeof member !== 'function') throw new TypeError(`transport has no method ${String(prop)}`);
        return member.apply(t, args);
      };
    },
  });
}
