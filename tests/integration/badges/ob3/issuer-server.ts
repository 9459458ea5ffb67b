/**
 * A loopback HTTP server playing the issuer's site for the OB 3.0 integration tests: it serves
 * the did:web document, the RSA public JWKs and the status list credential, all from mutable
 * state so a test can rotate keys or revoke a badge and see verifiers react.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { didWebFromBaseUrl } from '../../../../badges/did/did-web.ts';
import { buildControllerDocument, type Issuer } from '../../../../badges/issuer/issuer.ts';
import { type IssuerKey, publicPart, rsaPublicJwk } from '../../../../badges/keys/issuer-key.ts';

export type Route = () => unknown;

export type LoopbackServer = {
  baseUrl: string;
  routes: Map<string, Route>;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
};

/** Starts a JSON server on 127.0.0.1 (port 0); unknown paths answer 404. */
export async function startServer(): Promise<LoopbackServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(route()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL on a port where nothing listens (a server started then closed). */
export async function deadUrl(path: string): Promise<string> {
  const server = await startServer();
  await server.close();
  return `${server.baseUrl}${path}`;
}

/** The did:web of a loopback server: `did:web:127.0.0.1%3A<port>`. */
export function didWebOf(server: LoopbackServer): string {
  return didWebFromBaseUrl(server.baseUrl);
}

/** Where an RSA key's bare JWK is served. */
export function kidUrl(server: LoopbackServer, key: IssuerKey): string {
  return `${server.baseUrl}/keys/${encodeURIComponent(key.id.split('#')[1] ?? '')}.json`;
}

/**
 * Publishes the issuer's DID document and RSA JWKs, read from `issuer` at each request so that
 * key rotation shows at once.
 */
export function publishIssuer(server: LoopbackServer, issuer: Issuer): void {
  server.routes.set('/.well-known/did.json', () =>
    buildControllerDocument(issuer.profile.id, issuer.keys.map(publicPart)),
  );
  for (const key of issuer.keys.filter((k) => k.algorithm === 'RSA')) {
    const path = new URL(kidUrl(server, key)).pathname;
    server.routes.set(path, () => {
      const current = issuer.keys.find((k) => k.id === key.id);
      return current ? rsaPublicJwk(publicPart(current)) : undefined;
    });
  }
}
