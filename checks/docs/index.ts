export * from './claim.ts';
export * from './dated.ts';
export * from './files.ts';
export * from './history.ts';
export * from './links.ts';
export * from './markdown.ts';
export * from './probes.ts';
export * from './sections.ts';
