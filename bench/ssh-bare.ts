/**
 * The baseline: a bare ssh2 loop, one connection per host, 8 channels per host, one exec per
 * check, output collected and the exit status checked. (A benchmark baseline, so it imports
 * ssh2 directly; product code reaches ssh2 only through checks/transport.)
 */
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';

export interface BareHost {
  host: string;
  port: number;
  user: string;
  key: string;
}

function exec(c: Client, script: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    c.exec(script, (err, ch) => {
      if (err) return reject(err);
      let out = '';
      let code: number | null = null;
      ch.on('data', (d: Buffer) => {
        out += d;
      });
      ch.stderr.on('data', () => {});
      ch.on('exit', (c2: number | null) => {
        code = c2;
      });
      ch.on('close', () => resolve({ code, out }));
    });
  });
}

/** Runs every script on every host; returns how many exited 0. */
export async function bareLoop(hosts: BareHost[], scripts: string[], channels = 8): Promise<number> {
  let ok = 0;
  await Promise.all(
    hosts.map(async (h) => {
      const c = new Client();
      await new Promise<void>((resolve, reject) => {
        c.once('ready', () => resolve());
        c.once('error', reject);
        c.connect({
          host: h.host,
          port: h.port,
          username: h.user,
          privateKey: readFileSync(h.key),
          readyTimeout: 10_000,
        });
      });
      let next = 0;
      await Promise.all(
        Array.from({ length: channels }, async () => {
          while (next < scripts.length) {
            const r = await exec(c, scripts[next++]);
            if (r.code === 0) ok++;
          }
        }),
      );
      c.end();
    }),
  );
  return ok;
}
