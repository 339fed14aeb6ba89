/**
 * Serves the engine to vitest workers over a Unix socket in a private directory.
 * Protocol, one JSON object per line: the worker sends {"category"}; the engine answers
 * {"category","titles"} once every test is named (at once, unless the category has checks over
 * collections, whose subjects are only known when they settle), then {"category","i","meta"} as each result is ready
 * (written every 10 ms at most, so 50,000 results are a few hundred writes, not thousands).
 * {"others":true} gets {"others":[…]}, the policy's categories without a spec file of their own.
 * {"policy":"full"} gets {"policy","part"}, for controls written in TypeScript (the worker
 * does not hold the policy otherwise); {"policy":"rules"} only its name, rubric and waivers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CategoryRun } from './category-run.ts';
import type { Engine } from './engine.ts';
import { otherCategories } from './spec-categories.ts';

export interface EngineServer {
  path: string;
  close(): Promise<void>;
}

export async function serveEngine(engine: Engine): Promise<EngineServer> {
  const dir = mkdtempSync(join(tmpdir(), 'readyspec-engine-'));
  const path = join(dir, 'engine.sock');
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let nl = buffered.indexOf('\n');
      while (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const request = JSON.parse(line) as { category?: string; policy?: 'rules' | 'full'; others?: true };
        if (request.others)
          socket.write(`${JSON.stringify({ others: otherCategories(engine.categories()) })}\n`);
        else if (request.policy) socket.write(`${JSON.stringify(policyPart(engine, request.policy))}\n`);
        else if (request.category) answer(engine, socket, request.category);
        nl = buffered.indexOf('\n');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  return {
    path,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function policyPart(engine: Engine, part: 'rules' | 'full') {
  const { policy } = engine.ctx;
  if (part === 'full') return { policy, part };
  return { policy: { name: policy.name, rubric: policy.rubric, waivers: policy.waivers }, part };
}

/** Results are written at most every FLUSH_MS: one write per few hundred results, not per few. */
const FLUSH_MS = 10;

function answer(engine: Engine, socket: Socket, category: string): void {
  const run = engine.take(category);
  // A category with collection checks is named once they are in (category-run.ts).
  run.whenTitled(() => stream(socket, category, run));
}

function stream(socket: Socket, category: string, run: CategoryRun): void {
  socket.write(`${JSON.stringify({ category, titles: run.titles })}\n`);
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let left = run.titles.length;
  const flush = () => {
    timer = undefined;
    if (!socket.destroyed) socket.write(pending.join(''));
    pending = [];
  };
  const head = `{"category":${JSON.stringify(category)},"i":`;
  run.listen((i, meta) => {
    pending.push(`${head}${i},"meta":${JSON.stringify(meta)}}\n`);
    if (--left === 0) {
      // The category's last result: nothing to wait for.
      clearTimeout(timer);
      flush();
    } else timer ??= setTimeout(flush, FLUSH_MS);
  });
}
