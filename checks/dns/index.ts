export * from './probes.ts';
export * from './resolve.ts';
