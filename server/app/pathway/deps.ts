/** What the pathway use cases need: the database, the catalog (with job profiles), the clock. */
import type { Database } from '../../db/connection.ts';
import type { Catalog } from '../check-curricula.ts';

export interface PathwayDeps {
  db: Database;
  catalog: Catalog;
  clock: () => Date;
}
