/**
 * The whole express application (`createApp`) on 127.0.0.1 and a free port, over a test
 * database: the shipped curricula, an issuer created as at first start, a silent logger.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCurriculaFolder } from '../../server/app/check-curricula.ts';
import { ensureIssuer } from '../../server/app/ensure-issuer.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/connection.ts';
import { type AppDeps, createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';

/**
 * @param db the test database.
 * @param options the clock, the token key, and optionally the environment and client folder.
 * @returns the server and its base URL; stop it with closeServer.
 */
export async function serveApp(
  db: Database,
  options: {
    clock: () => Date;
    jwtSecret: string;
    env?: Record<string, string>;
    clientDir?: string;
  },
): Promise<{ server: Server; base: string }> {
  const curricula = await checkCurriculaFolder();
  if (!curricula.ok) throw new Error('the shipped curricula have problems');
  const issuer = await ensureIssuer(
    db,
    {
      publicUrl: 'http://localhost:3000',
      name: 'Grange Numérique',
      email: 'contact@grange.example',
    },
    options.clock,
  );
  const deps: AppDeps = {
    config: loadConfig(options.env ?? {}),
    db,
    logger: createLogger('silent'),
    catalog: curricula.catalog,
    clock: options.clock,
    jwtSecret: options.jwtSecret,
    issuer,
    ...(options.clientDir === undefined ? {} : { clientDir: options.clientDir }),
  };
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
