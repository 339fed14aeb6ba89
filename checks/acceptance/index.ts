export * from './find-document.ts';
export * from './probes.ts';
export * from './signoff.ts';
