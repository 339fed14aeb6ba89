export * from './answers.ts';
export * from './branch-protection.ts';
export * from './dependabot-alerts.ts';
export * from './last-push.ts';
export * from './probes.ts';
export * from './secret-alerts.ts';
