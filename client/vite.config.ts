/**
 * Builds the web client into `dist/client`, which the server serves on its own port
 * (`server/http/routes/client.ts`). `npm run dev:client` serves it with hot reload and sends
 * API calls to the server started by `npm run dev` on port 3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/client', import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root: clientDir,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // The manifest tells `check-bundle.ts` which chunks the first page load needs.
    manifest: true,
    target: 'es2022',
  },
  server: {
    proxy: Object.fromEntries(
      [
        '/graphql',
        '/auth',
        '/badges',
        '/verify',
        '/status',
        '/.well-known',
        '/ob2',
        '/evidence-files',
      ].map((path) => [path, api]),
    ),
  },
});
