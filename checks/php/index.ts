export * from './identity.ts';
export * from './pool-settings.ts';
export * from './probes.ts';
export * from './read.ts';
export * from './settings.ts';
