/**
 * The web client, on the server's own port: the files Vite built into `dist/client` (hashed
 * files under `/assets/` cached for a year, since their name changes with their content), and
 * `index.html` for every address of the client (`/`, `/connexion`, `/parcours/…`), so that a
 * bookmark or a reload opens the right page.
 *
 * `index.html` is sent only to browsers asking for a page (GET or HEAD, `Accept: text/html`) at
 * an address no server route owns: the API, sign-in, the public badge pages and what verifiers
 * fetch keep their own answers, 404s included, and so does a missing file. When the client is not built (tests of the API
 * alone), nothing here answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, Router } from 'express';

/** Address prefixes that belong to the server, never to the client. */
export const SERVER_PREFIXES = [
  '/graphql',
  '/auth',
  '/badges',
  '/verify',
  '/status',
  '/.well-known',
  '/ob2',
  '/healthz',
  '/evidence-files',
  '/assets',
] as const;

/** The built client's folder: `dist/client` at the project's root (from sources or a build). */
export function defaultClientDir(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return join(folder, 'dist', 'client');
}

function ownedByServer(path: string): boolean {
  return SERVER_PREFIXES.some(
    (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`),
  );
}

/** Client addresses never name a file (`/x.js`) or a hidden folder (`/.vite/…`): those are 404s. */
function looksLikeFile(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.')) || /\.[^/]*$/.test(path);
}

/**
 * @param clientDir the built client (default: `dist/client` at the project's root).
 * @returns the router, to mount after every server route and before the 404 handler.
 */
export function createClientRouter(clientDir: string = defaultClientDir()): Router {
  const router = Router();
  const indexFile = join(clientDir, 'index.html');
  const assetsDir = join(clientDir, 'assets');

  router.use(
    express.static(clientDir, {
      index: false,
      // `.vite/manifest.json` stays private (dot folders are not served).
      dotfiles: 'ignore',
      setHeaders(response, path) {
        response.setHeader(
          'Cache-Control',
          path.startsWith(assetsDir)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=300',
        );
        response.setHeader('X-Content-Type-Options', 'nosniff');
      },
    }),
  );

  const page: RequestHandler = (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (ownedByServer(request.path) || looksLikeFile(request.path)) return next();
    if (!(request.get('accept') ?? '').includes('text/html')) return next();
    let html: string;
    try {
      // Read on each request: a rebuild is picked up without a restart; the file is small.
      html = readFileSync(indexFile, 'utf8');
    } catch {
      return next();
    }
    response
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        // The page must be asked again after a deployment: it names the new hashed files.
        'Cache-Control': 'no-cache',
        // The content security policy and the other security headers are the application's
        // (`../security-headers.ts`), the same for this page as for every answer.
        'X-Content-Type-Options': 'nosniff',
      })
      .send(html);
  };
  router.use(page);
  return router;
}
