/**
 * `npm start`: reads the configuration, loads and checks the curricula, migrates the database
 * (the SQLite file `data/grange.sqlite` by default, PostgreSQL with DATABASE_URL), and serves
 * the platform on one port. Stops cleanly on SIGINT/SIGTERM.
 */
import type { Server } from 'node:http';
import { formatProblem } from '../curricula/problems.ts';
import { checkCurriculaFolder } from './app/check-curricula.ts';
import { runNotificationJobs } from './app/notify/run-notification-jobs.ts';
import { prepareDatabase } from './app/prepare-database.ts';
import { formatDemoCredentials, seedDemoData } from './app/seed-demo.ts';
import { loadOrCreateSecrets } from './auth/secrets.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDatabase } from './db/connection.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './logger.ts';
import { createMailer } from './mail/mailer.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);

  const curricula = await checkCurriculaFolder();
  if (!curricula.ok) {
    for (const problem of curricula.problems) console.error(formatProblem(problem));
    console.error(
      `\nGrange cannot start: ${curricula.problems.length} problem(s) in the curricula.`,
    );
    process.exitCode = 1;
    return;
  }

  const clock = () => new Date();
  const db = createDatabase(config.database);
  const issuer = await prepareDatabase(db, curricula.catalog, config, clock);
  // Generated into data/ on first run (mode 0600), never committed.
  const secrets = loadOrCreateSecrets(config.dataDir);
  const demo = config.demoData
    ? await seedDemoData({
        db,
        catalog: curricula.catalog,
        issuer,
        publicUrl: config.publicUrl,
        clock,
        jwtSecret: secrets.jwtSecret,
        timeZone: config.timeZone,
      })
    : { seeded: false as const };
  const app = createApp({
    config,
    db,
    logger,
    catalog: curricula.catalog,
    clock,
    jwtSecret: secrets.jwtSecret,
    issuer,
  });
  const server: Server = app.listen(config.port, () => {
    logger.info(
      { port: config.port, publicUrl: config.publicUrl, database: config.database.client },
      'Grange is listening',
    );
    if (demo.seeded) console.log(formatDemoCredentials(demo));
    console.log(
      `\nGrange est prête / Grange is ready: ${config.publicUrl}  (health: ${config.publicUrl}/healthz)`,
    );
  });

  // Expiry reminders and notification emails, every ten minutes (each run is idempotent).
  const mailer = createMailer({
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    outboxDir: `${config.dataDir}/outbox`,
  });
  const notify = async () => {
    try {
      const done = await runNotificationJobs({
        db,
        catalog: curricula.catalog,
        mailer,
        publicUrl: config.publicUrl,
        clock,
      });
      if (done.reminded + done.sent + done.failed > 0) logger.info(done, 'notifications');
    } catch (error) {
      logger.error({ err: error }, 'notification jobs failed; they will run again');
    }
  };
  void notify();
  const timer = setInterval(() => void notify(), 10 * 60_000);
  timer.unref();

  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    clearInterval(timer);
    mailer.close();
    server.close(() => {
      void db.destroy().then(() => process.exit(0));
    });
    // Do not hang forever on keep-alive connections.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main();
