/**
 * Which database a connection speaks to, for the few statements that differ. Its own module,
 * imported by `connection.ts` and by the migrations alike (`connection.ts` imports the
 * migrations, so they cannot import it).
 */
import type { Knex } from 'knex';

/** Whether this connection is PostgreSQL (a few statements differ). */
export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}
