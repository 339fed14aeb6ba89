export * from './find-document.ts';
export * from './judge.ts';
export * from './probes.ts';
export * from './signoff.ts';
