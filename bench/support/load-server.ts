/**
 * The process the HTTP benchmarks load: Grange's express application, built the way
 * `server/main.ts` builds it (configuration from the environment, curricula checked and
 * imported, migrations, the issuer from the database), on one port; and, on a second port of
 * the same process, a control application that holds the baselines (a bare express handler
 * answering bytes it is given) and counts the SQL statements Grange sends. The load generator
 * (autocannon) runs in the parent script, so it never shares this event loop.
 *
 * Run by `load-server-process.ts`; prints one JSON line `{"grange":port,"control":port}` once
 * both listen. Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (holding grange.sqlite),
 * PUBLIC_URL, BENCH_JWT_SECRET.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { checkCurriculaFolder } from '../../server/app/check-curricula.ts';
import { prepareDatabase } from '../../server/app/prepare-database.ts';
import { loadConfig } from '../../server/config.ts';
import { createDatabase } from '../../server/db/connection.ts';
import { createApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/logger.ts';

const jwtSecret = process.env.BENCH_JWT_SECRET;
if (jwtSecret === undefined || jwtSecret.length < 43) {
  throw new Error('BENCH_JWT_SECRET must be set (43 characters or more)');
}
const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const curricula = await checkCurriculaFolder();
if (!curricula.ok) throw new Error('the shipped curricula have problems: run `npm run grange`');
const clock = () => new Date();
const db = createDatabase(config.database);
const issuer = await prepareDatabase(db, curricula.catalog, config, clock);
const grange = createApp({
  config,
  db,
  logger,
  catalog: curricula.catalog,
  clock,
  jwtSecret,
  issuer,
});

let statements = 0;
db.on('query', () => {
  statements += 1;
});

/** What the bare baseline answers: the bytes and the content type the parent gave. */
let bare: { type: string; body: Buffer } = { type: 'text/plain', body: Buffer.from('') };

const control = express();
control.disable('x-powered-by');
control.get('/bare', (_request, response) => {
  response.set('Content-Type', bare.type).send(bare.body);
});
control.put(
  '/__bench/bare',
  express.raw({ type: () => true, limit: '10mb' }),
  (request, response) => {
    bare = { type: String(request.query.type ?? 'application/octet-stream'), body: request.body };
    response.status(204).end();
  },
);
control.get('/__bench/statements', (_request, response) => {
  response.json({ statements });
});
// CPU time this process has used (user + system, microseconds): divided by the requests of a
// round it gives the server's cost per request, which other programs on a shared machine
// disturb far less than requests per second.
control.get('/__bench/cpu', (_request, response) => {
  const usage = process.cpuUsage();
  response.json({ micros: usage.user + usage.system });
});

const listen = async (app: express.Express): Promise<Server> => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
};
const servers = [await listen(grange), await listen(control)];
const [grangeServer, controlServer] = servers as [Server, Server];
process.stdout.write(
  `${JSON.stringify({
    grange: (grangeServer.address() as AddressInfo).port,
    control: (controlServer.address() as AddressInfo).port,
  })}\n`,
);

const stop = () => {
  for (const server of servers) server.closeAllConnections();
  void Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(
    async () => {
      await db.destroy();
      process.exit(0);
    },
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
