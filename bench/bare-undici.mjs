// The baseline: a bare undici loop making the same GET requests at the same concurrency as
// the audit, reading each body. Prints {"requests","ok","ms"} as JSON.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [file, concurrencyArg] = process.argv.slice(2);
const urls = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const concurrency = Number(concurrencyArg ?? 64);
const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });

let next = 0;
let ok = 0;
async function worker() {
  while (next < urls.length) {
    const url = urls[next++];
    const res = await request(url, { dispatcher, signal: AbortSignal.timeout(10_000) });
    await res.body.text();
    if (res.statusCode === 200) ok++;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - started;
await dispatcher.close();
process.stdout.write(`${JSON.stringify({ requests: urls.length, ok, ms: Math.round(ms) })}\n`);
