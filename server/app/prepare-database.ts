/**
 * What a server process does to its database before it serves: pending migrations, the
 * shipped curricula imported (a new version recorded when one changed), and the issuer's keys
 * and first status list created on first run. `npm start` (`server/main.ts`) and the
 * benchmarks' server (`bench/support/load-server.ts`) run these same steps.
 */
import type { Issuer } from '../../badges/issuer/issuer.ts';
import type { Config } from '../config.ts';
import { type Database, migrate } from '../db/connection.ts';
import type { Catalog } from './check-curricula.ts';
import { ensureIssuer } from './ensure-issuer.ts';
import { importCurricula } from './import-curricula.ts';

/**
 * @param db the database.
 * @param catalog the checked curricula.
 * @param config the public URL and the issuer's name and email.
 * @param clock the clock.
 * @returns the issuer. Its keys stay in the database: signing and the public routes read them
 *   there at each use, so a key rotated through another process sharing the database is used
 *   at once.
 */
export async function prepareDatabase(
  db: Database,
  catalog: Catalog,
  config: Pick<Config, 'publicUrl' | 'issuer'>,
  clock: () => Date,
): Promise<Issuer> {
  await migrate(db);
  await importCurricula(db, catalog, clock);
  return ensureIssuer(
    db,
    { publicUrl: config.publicUrl, name: config.issuer.name, email: config.issuer.email },
    clock,
  );
}
