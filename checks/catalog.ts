/** Every probe a policy's `check:` can name. Each area adds its list here. */
import { ProbeRegistry } from './registry.ts';

export const catalog = new ProbeRegistry([
  // areas register here, one spread per line
]);
