/**
 * While the custom-control catalog imports a spec file (custom-catalog.ts), defineControl
 * only records what it defines: no test is registered and no check runs. The key is global
 * because the catalog and the spec file may load two copies of custom-control.ts (source and
 * prebuilt).
 */
import type { CustomControl } from './custom-control.ts';

const KEY = Symbol.for('readyspec.custom-collector');
type Holder = { [KEY]?: CustomControl[] };

/** The list defineControl should add to instead of registering a test, while collecting. */
export function collector(): CustomControl[] | undefined {
  return (globalThis as Holder)[KEY];
}

/** Runs `load` (one spec file's import) and returns what its defineControl calls defined. */
export async function collect(load: () => Promise<unknown>): Promise<CustomControl[]> {
  const found: CustomControl[] = [];
  (globalThis as Holder)[KEY] = found;
  try {
    await load();
  } finally {
    delete (globalThis as Holder)[KEY];
  }
  return found;
}
