export { applySources, type SourceSummary, sourcesOf } from './apply.ts';
export { inventoryLines } from './print.ts';
export { describeSource, resolveSources } from './resolve.ts';
export type { InventorySource } from './types.ts';
