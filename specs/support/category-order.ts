/**
 * The order the engine probes a whole run's categories in (smallest first), shared by the
 * global setup and the test sequencer, which run in vitest's main process but load modules
 * separately (one prebuilt, one bundled with the config).
 */
const KEY = Symbol.for('readyspec.category-order');
type Holder = { [KEY]?: readonly string[] };

export function rememberCategoryOrder(order: readonly string[]): void {
  (globalThis as Holder)[KEY] = order;
}

/** undefined before the global setup planned the run, and in a shard (categories start on request). */
export function categoryOrder(): readonly string[] | undefined {
  return (globalThis as Holder)[KEY];
}
