export * from './certificate.ts';
export * from './chain.ts';
export * from './chain-subject.ts';
export * from './hostname.ts';
export * from './key-size.ts';
export * from './probes.ts';
export * from './protocols.ts';
export * from './target.ts';
