/**
 * Revocation status lists, stored serialised, one row per published list (`/status/1`,
 * `/status/2`…). Whoever changes one (giving out an index, revoking) reads it locked, so two
 * transactions never hand out the same index.
 */
import type { StatusListState } from '../../../badges/status/status-list.ts';
import { type Database, isPostgres } from '../connection.ts';
import { StatusListModel } from '../models/status-list.model.ts';

export interface StatusListRecord {
  state: StatusListState;
  updatedAt: string;
}

/**
 * @param db the database or a transaction.
 * @param id the URL of the status list credential.
 * @param options.lock read it `FOR UPDATE` (PostgreSQL; SQLite transactions are serialised),
 *   inside a transaction that will save it.
 * @returns the list, or undefined when there is none with this id.
 */
export async function findStatusList(
  db: Database,
  id: string,
  options: { lock?: boolean } = {},
): Promise<StatusListRecord | undefined> {
  const query = StatusListModel.query(db).findById(id);
  if (options.lock === true && isPostgres(db)) query.forUpdate();
  const row = await query;
  if (row === undefined) return undefined;
  return { state: JSON.parse(row.state) as StatusListState, updatedAt: row.updatedAt };
}

/**
 * @param db the database or a transaction.
 * @returns the id of every stored list (a handful: one per 131,072 credentials).
 */
export async function listStatusListIds(db: Database): Promise<string[]> {
  const rows = await StatusListModel.query(db).select('id');
  return rows.map((row) => row.id);
}

/**
 * Stores a new list; a list with the same id already there is kept as it is.
 *
 * @param db the database or a transaction.
 */
export async function insertStatusListIfAbsent(
  db: Database,
  state: StatusListState,
  at: string,
): Promise<void> {
  await StatusListModel.query(db)
    .insert({
      id: state.id,
      purpose: state.statusPurpose,
      state: JSON.stringify(state),
      updatedAt: at,
    })
    .onConflict('id')
    .ignore();
}

/**
 * @param db the transaction that read the list locked.
 * @param state the list's new state.
 * @param at when it changed (published as the list credential's validFrom).
 */
export async function saveStatusList(
  db: Database,
  state: StatusListState,
  at: string,
): Promise<void> {
  await StatusListModel.query(db)
    .patch({ state: JSON.stringify(state), updatedAt: at })
    .where('id', state.id);
}
