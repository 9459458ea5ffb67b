/**
 * A real loopback HTTP server for the OB 2.0 round trips: it serves whatever JSON a test
 * publishes at a path, with a chosen status, like an issuer's badge site would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Published {
  status: number;
  body: unknown;
}

export interface TestSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Publishes `body` at `path` (answered with `status`, 200 by default). */
  publish(path: string, body: unknown, status?: number): void;
  /** How many requests each path received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a site on 127.0.0.1 and a free port. */
export async function startSite(): Promise<TestSite> {
  const routes = new Map<string, Published>();
  const hits = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const text = typeof route.body === 'string' ? route.body : JSON.stringify(route.body);
    response.writeHead(route.status, { 'content-type': 'application/ld+json' }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    publish: (path, body, status = 200) => routes.set(path, { status, body }),
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An origin where nothing listens: a site that is down. */
export async function deadOrigin(): Promise<string> {
  const site = await startSite();
  await site.close();
  return site.origin;
}
