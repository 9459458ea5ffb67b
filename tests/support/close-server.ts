/**
 * Stops an HTTP server a suite started, dropping kept-alive connections first (fetch keeps
 * them open, and `close` alone would wait for them).
 */
import type { Server } from 'node:http';

/** @param server the server, or undefined when the suite failed before starting it. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (server === undefined) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
