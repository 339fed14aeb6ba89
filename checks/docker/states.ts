/**
 * The container states Docker's engine reports (`State` in /containers/json), each counted as
 * a top-level number in docker.containers' evidence; `other` appears there only when non-zero.
 * Light on purpose: the claim fact registry imports it without loading any probe.
 */
export const CONTAINER_STATES = [
  'running',
  'exited',
  'created',
  'paused',
  'restarting',
  'removing',
  'dead',
] as const;
