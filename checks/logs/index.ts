export * from './logrotate.ts';
export * from './named-logs.ts';
export * from './probes.ts';
export * from './renewal.ts';
export * from './rotation.ts';
