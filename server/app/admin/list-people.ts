/**
 * An administrator's list of people: filtered by role and by a search on name, email or
 * learner code, disabled accounts left out unless asked for, sorted by name and read a page
 * at a time (at most 100) with an opaque cursor.
 *
 * Names are matched and sorted here rather than in SQL: a French front desk types "elodie" for
 * "Élodie", which neither database's case folding matches (SQLite folds ASCII only), and the
 * order must be the same on SQLite and PostgreSQL. The search reads four short columns of the
 * matching people, which a community space's few thousand accounts keep cheap.
 */
import { z } from 'zod';
import { normaliseLearnerCode } from '../../auth/learner-codes.ts';
import type { Viewer } from '../../auth/policies.ts';
import { ROLES } from '../../auth/roles.ts';
import type { DirectoryEntry } from '../../db/repositories/people-repository.ts';
import { requireAdmin } from '../accounts/actor.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { InvalidInput } from '../accounts/errors.ts';
import { loadPersonAccounts, type PersonAccount } from './person-accounts.ts';

/** The most people one page holds. */
export const MAX_PAGE_SIZE = 100;
/** A page's size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 50;

export const ListPeopleInput = z.object({
  role: z.enum(ROLES).optional(),
  /** Part of a name (any case, accents optional), an email or a learner code. */
  search: z.string().trim().max(200).optional(),
  includeDisabled: z.boolean().default(false),
  first: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** The `endCursor` of the previous page. */
  after: z.string().max(1024).optional(),
});

export type ListPeopleInput = z.input<typeof ListPeopleInput>;

/** One page of the list. */
export interface PeoplePage {
  people: PersonAccount[];
  /** How many people match, over every page. */
  totalCount: number;
  /** Pass it as `after` to read the next page; null when the page is empty. */
  endCursor: string | null;
  hasNextPage: boolean;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** @returns `text` lower-cased and without accents, for matching. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');
}

/** Names by French rules, then ids: a total order, so a cursor names one position. */
function compare(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const Cursor = z.object({ name: z.string(), id: z.string() });

function positionOf(entry: DirectoryEntry): { name: string; id: string } {
  return { name: entry.displayName, id: entry.id };
}

function encodeCursor(entry: DirectoryEntry): string {
  return Buffer.from(JSON.stringify(positionOf(entry))).toString('base64url');
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidInput([
      { path: 'after', message: 'not a cursor of this list: pass the endCursor of a page' },
    ]);
  }
}

function matcher(search: string): (entry: DirectoryEntry) => boolean {
  const name = fold(search);
  const email = search.toLowerCase();
  const code = normaliseLearnerCode(search);
  return (entry) =>
    fold(entry.displayName).includes(name) ||
    (entry.email?.includes(email) ?? false) ||
    (code !== '' && (entry.learnerCode?.includes(code) ?? false));
}

/**
 * @param viewer an admin.
 * @param input the filter and the page wanted.
 * @returns one page of accounts, with their roles and groups.
 * @throws Forbidden unless the viewer is an admin; InvalidInput for a page size outside
 *   1–100, a search over 200 characters or a cursor this list did not give.
 */
export async function listPeople(
  deps: AccountsDeps,
  viewer: Viewer,
  input: ListPeopleInput,
): Promise<PeoplePage> {
  const parsed = ListPeopleInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { role, search, includeDisabled, first, after } = parsed.data;
  const cursor = after === undefined ? undefined : decodeCursor(after);
  await requireAdmin(deps, viewer);

  const entries = await deps.people.listDirectory({
    includeDisabled,
    ...(role === undefined ? {} : { role }),
  });
  const matching = (search ? entries.filter(matcher(search)) : entries).sort((a, b) =>
    compare(positionOf(a), positionOf(b)),
  );
  let start = 0;
  if (cursor !== undefined) {
    // The first person after the cursor's position: a person added or disabled meanwhile
    // neither repeats nor hides anyone else.
    const next = matching.findIndex((entry) => compare(positionOf(entry), cursor) > 0);
    start = next === -1 ? matching.length : next;
  }
  const page = matching.slice(start, start + first);
  const last = page.at(-1);
  return {
    people: await loadPersonAccounts(
      deps,
      page.map((entry) => entry.id),
    ),
    totalCount: matching.length,
    endCursor: last === undefined ? null : encodeCursor(last),
    hasNextPage: start + page.length < matching.length,
  };
}
