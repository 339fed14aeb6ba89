#!/usr/bin/env node
// The `readyspec` bin: Node 20 cannot run TypeScript, so tsx's loader is registered first and
// the command line (readyspec.ts) is imported through it, in this same process.
import { register } from 'tsx/esm/api';

register();
await import('./readyspec.ts');
