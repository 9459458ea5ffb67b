/**
 * Grange as issue 8 deploys it past one machine: several `server/main.ts` processes on one
 * PostgreSQL database, behind a load balancer. Unlike `../issuer/server-instances.ts` (several
 * apps in the test's own process, which share its memory), these are real processes: each
 * has its own memory, so anything a process kept for itself (a cache, a rate limiter) would
 * show. Each process has its own data folder holding the same `secrets.json`, as a deployment
 * would copy one secrets file to every machine.
 *
 * The front server stands for the load balancer, at the public URL every process is given: a
 * request with an `x-instance` header goes to that process, any other (a verifier fetching the
 * DID document or a status list) to the next process in turn.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer } from '../../support/close-server.ts';
import { freePort, startServerProcess } from '../../support/server-process.ts';

/** One `server/main.ts` process. */
export interface ServerProcess {
  name: string;
  /** Its own address (the front server forwards here). */
  base: string;
  output(): string;
  stop(): Promise<void>;
}

export interface Cluster {
  /** The public URL: the front server. */
  publicUrl: string;
  /** The HMAC key of access tokens, in every process's `secrets.json`. */
  jwtSecret: string;
  processes: ServerProcess[];
  /** A request through the front server to one process. */
  request(instance: string, path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts every process at once, as an orchestrator scaling out would, on a database that may
 * be empty: each migrates, imports the curricula and ensures the issuer at start, and those
 * steps wait for one another (knex's migration lock, `lockIssuerKeyCreation`).
 *
 * @param databaseUrl the PostgreSQL database every process uses.
 * @param names one process per name.
 * @returns the running cluster; call `stop` when done.
 */
export async function startCluster(
  databaseUrl: string,
  names: readonly string[],
): Promise<Cluster> {
  const jwtSecret = randomBytes(32).toString('base64url');
  const targets = new Map<string, string>();
  let turn = 0;
  const front: Server = createServer((incoming, outgoing) => {
    const header = incoming.headers['x-instance'];
    const chosen =
      typeof header === 'string'
        ? targets.get(header)
        : [...targets.values()][turn++ % Math.max(1, targets.size)];
    if (chosen === undefined) {
      outgoing.writeHead(503).end();
      return;
    }
    const target = new URL(chosen);
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;

  const folders = names.map((name) => {
    const dataDir = mkdtempSync(join(tmpdir(), `grange-scale-${name}-`));
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ jwtSecret }), { mode: 0o600 });
    return dataDir;
  });
  const starts = await Promise.allSettled(
    names.map((name, i) =>
      startProcess(name, { databaseUrl, dataDir: folders[i] as string, publicUrl }),
    ),
  );
  const processes = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  const failed = starts.find((start) => start.status === 'rejected');
  if (failed !== undefined) {
    for (const started of processes) await started.stop();
    await closeServer(front);
    throw failed.reason;
  }
  for (const started of processes) targets.set(started.name, started.base);

  return {
    publicUrl,
    jwtSecret,
    processes,
    request: (instance, path, init = {}) =>
      fetch(`${publicUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-instance': instance },
      }),
    stop: async () => {
      for (const started of processes) await started.stop();
      await closeServer(front);
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function startProcess(
  name: string,
  settings: { databaseUrl: string; dataDir: string; publicUrl: string },
): Promise<ServerProcess> {
  try {
    const started = await startServerProcess({ ...settings, port: await freePort() });
    return { name, base: started.address, output: started.output, stop: started.stop };
  } catch (error) {
    throw new Error(`server process ${name}: ${(error as Error).message}`);
  }
}
