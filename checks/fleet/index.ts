export { controlPlaneList } from './control-plane-list.ts';
export { judgeBackup, judgeRestore, judgeShard } from './judges.ts';
export { fleetProbes } from './probes.ts';
export { fleetSeries } from './series.ts';
export { siteShard } from './site-shard.ts';
