/**
 * People, their roles and guardian consents. The only code that reads or writes `people`,
 * `person_roles` and `guardian_consents`; it maps rows to plain `Person` values. (Erasing a
 * deleted account's rows is the one exception: `account-erasure-repository.ts` lists every
 * table in one place.)
 *
 * The tombstone of a deleted account (`deleted_at` set) is nobody any more: every read here
 * leaves it out, so its tokens name no one and no use case can act on it, except
 * {@link PeopleRepository.findBadgeHolder}, for the public pages of the badges it kept.
 */
import type { Knex } from 'knex';
import { UniqueViolationError } from 'objection';
import { isRole, type Role } from '../../auth/roles.ts';
import { type Database, isPostgres } from '../connection.ts';
import { parseBooleans, parseTimestamps } from '../models/column-values.ts';
import { GuardianConsentModel } from '../models/guardian-consent.model.ts';
import { PersonModel } from '../models/person.model.ts';
import { PersonRoleModel } from '../models/person-role.model.ts';
import { placeholders, selectRows, sqlPerCount } from '../select-rows.ts';

/** A person with their roles. */
export interface Person {
  id: string;
  displayName: string;
  /** Lower-case; null for learners who sign in with a code and PIN. */
  email: string | null;
  learnerCode: string | null;
  locale: string;
  isMinor: boolean;
  privateProfile: boolean;
  largeText: boolean;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
  /** When an administrator disabled the account; null while it is active. */
  disabledAt: Date | null;
  /** Why, for the other administrators; null while the account is active. */
  disabledReason: string | null;
  /** The `seq` of their last progress event as a learner; 0: none (see `ledgerEnd`). */
  ledgerEnd: number;
  /**
   * Moves whenever their standing badges, enrolments (with their groups) or unread count
   * change: triggers keep it (migration `20261126001400_add_people_facts_stamp`).
   */
  factsStamp: number;
}

/** What an administrator's search of people looks at: enough to filter and sort. */
export interface DirectoryEntry {
  id: string;
  displayName: string;
  email: string | null;
  learnerCode: string | null;
}

/** What creating a person needs. */
export interface NewPerson {
  id: string;
  displayName: string;
  email?: string | null;
  learnerCode?: string | null;
  locale?: string;
  isMinor?: boolean;
  privateProfile?: boolean;
  roles: readonly Role[];
}

/** What a public badge page may know of the badge's holder. */
export interface BadgeHolder {
  /** Null once the holder deleted their account: the page then names no one. */
  displayName: string | null;
  privateProfile: boolean;
}

/** A guardian's consent to a minor's account. */
export interface GuardianConsent {
  id: string;
  personId: string;
  guardianName: string;
  guardianContact: string | null;
  /** What the guardian agreed to, in their words or the form's. */
  scope: string;
  recordedBy: string;
  givenAt: Date;
  withdrawnAt: Date | null;
  /** Whether the guardian lets the minor share items publicly (share links); false if unsaid. */
  allowsPublicShare?: boolean;
}

/** Raised when an email or learner code is already someone's. */
export class DuplicatePersonKey extends Error {
  constructor(readonly column: 'email' | 'learnerCode' | 'unknown') {
    super(`a person with this ${column} already exists`);
    this.name = 'DuplicatePersonKey';
  }
}

// Roles are sorted so that a person's roles compare equal whatever order they were granted in.
function sortRoles(roles: readonly string[]): Role[] {
  return roles.filter(isRole).sort();
}

/** The columns of a person, as `PersonModel` names them (`p`: people). */
const PERSON_COLUMNS = `p.id, p.display_name as "displayName", p.email,
  p.learner_code as "learnerCode", p.locale, p.is_minor as "isMinor",
  p.private_profile as "privateProfile", p.large_text as "largeText",
  p.created_at as "createdAt", p.updated_at as "updatedAt", p.disabled_at as "disabledAt",
  p.disabled_reason as "disabledReason", p.ledger_end as "ledgerEnd",
  p.facts_stamp as "factsStamp"`;

/** People with their roles, by id (`findManyByIds`). */
const findPeopleSql = sqlPerCount(
  (count) => `select ${PERSON_COLUMNS}, r.role from people p
   left join person_roles r on r.person_id = p.id
   where p.id in (${placeholders(count)}) and p.deleted_at is null`,
);

/** A row of {@link PERSON_COLUMNS}, as either database returns it. */
interface PersonRow {
  id: string;
  displayName: string;
  email: string | null;
  learnerCode: string | null;
  locale: string;
  isMinor: boolean | number;
  privateProfile: boolean | number;
  largeText: boolean | number;
  createdAt: Date | string;
  updatedAt: Date | string;
  disabledAt: Date | string | null;
  disabledReason: string | null;
  /** PostgreSQL's bigint comes as text. */
  ledgerEnd: number | string;
  factsStamp: number | string;
}

/** What `toPerson` reads of a row: a `PersonModel`, or a parsed {@link PersonRow}. */
type PersonFields = Omit<Person, 'roles'>;

/** The row with booleans and dates, as `PersonModel.$parseDatabaseJson` makes them. */
function parsePersonRow(row: PersonRow): PersonFields {
  const parsed: Record<string, unknown> = { ...row };
  parseBooleans(parsed, ['isMinor', 'privateProfile', 'largeText']);
  parseTimestamps(parsed, ['createdAt', 'updatedAt', 'disabledAt']);
  return parsed as unknown as PersonFields;
}

function toPerson(row: PersonFields, roles: readonly string[]): Person {
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    learnerCode: row.learnerCode,
    locale: row.locale,
    isMinor: row.isMinor,
    privateProfile: row.privateProfile,
    largeText: row.largeText,
    roles: sortRoles(roles),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    disabledAt: row.disabledAt ?? null,
    disabledReason: row.disabledReason ?? null,
    ledgerEnd: Number(row.ledgerEnd ?? 0),
    factsStamp: Number(row.factsStamp ?? 0),
  };
}

function duplicateColumn(
  error: InstanceType<typeof UniqueViolationError>,
): DuplicatePersonKey['column'] {
  const text = `${error.columns?.join(',') ?? ''} ${error.constraint ?? ''} ${error.message}`;
  if (/learner_code|learnerCode/.test(text)) return 'learnerCode';
  if (/email/.test(text)) return 'email';
  return 'unknown';
}

/** Reads and writes people. Every method takes an optional transaction. */
export class PeopleRepository {
  constructor(private readonly db: Database) {}

  /**
   * Inserts a person and their roles.
   *
   * @param person the new person (email lower-cased by the caller).
   * @param now creation time.
   * @returns the stored person.
   * @throws DuplicatePersonKey when the email or learner code is taken.
   */
  async create(person: NewPerson, now: Date, trx?: Knex.Transaction): Promise<Person> {
    const executor = trx ?? this.db;
    const row = {
      id: person.id,
      displayName: person.displayName,
      email: person.email ?? null,
      learnerCode: person.learnerCode ?? null,
      locale: person.locale ?? 'fr',
      isMinor: person.isMinor ?? false,
      privateProfile: person.privateProfile ?? false,
      largeText: false,
      createdAt: now,
      updatedAt: now,
      disabledAt: null,
      disabledReason: null,
    };
    try {
      await PersonModel.query(executor).insert(row);
    } catch (error) {
      if (error instanceof UniqueViolationError)
        throw new DuplicatePersonKey(duplicateColumn(error));
      throw error;
    }
    const roles = [...new Set(person.roles)];
    // One insert per role: Objection batches inserts on PostgreSQL only, and a person has few.
    for (const role of roles) {
      await PersonRoleModel.query(executor).insert({ personId: person.id, role });
    }
    return toPerson(PersonModel.fromJson(row), roles);
  }

  /** @returns the person with this id, or null. */
  async findById(id: string, trx?: Knex.Transaction): Promise<Person | null> {
    const row = await PersonModel.query(trx ?? this.db)
      .findById(id)
      .whereNull('deletedAt');
    return row ? toPerson(row, await this.rolesOf(id, trx)) : null;
  }

  /**
   * @returns the holder of an award as its public page may show them, deleted accounts
   *   included (with no name), or null when no row has this id.
   */
  async findBadgeHolder(id: string, trx?: Knex.Transaction): Promise<BadgeHolder | null> {
    const row = await PersonModel.query(trx ?? this.db).findById(id);
    if (!row) return null;
    return {
      displayName: row.deletedAt === null || row.deletedAt === undefined ? row.displayName : null,
      privateProfile: row.privateProfile,
    };
  }

  /**
   * @param ids people to read (unknown ids are left out).
   * @returns those people with their roles, in one query whatever their number, in no order.
   *   Every signed-in request reads its person here (`loaders.person`), so the statement is
   *   written out for `selectRows` rather than built.
   */
  async findManyByIds(ids: readonly string[], trx?: Knex.Transaction): Promise<Person[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = await selectRows<PersonRow & { role: string | null }>(
      trx ?? this.db,
      findPeopleSql(unique.length),
      unique,
    );
    const people = new Map<string, { row: PersonRow; roles: string[] }>();
    for (const row of rows) {
      let person = people.get(row.id);
      if (person === undefined) {
        person = { row, roles: [] };
        people.set(row.id, person);
      }
      if (row.role !== null) person.roles.push(row.role);
    }
    return [...people.values()].map(({ row, roles }) => toPerson(parsePersonRow(row), roles));
  }

  /**
   * The people an administrator's list may show, with only the columns a search looks at:
   * the caller filters by text and sorts (names compare by the rules of French, the same on
   * both databases), then reads the page's people in full with {@link findManyByIds}.
   *
   * @param filter.role only people holding this role.
   * @param filter.includeDisabled whether disabled accounts are listed too.
   */
  async listDirectory(
    filter: { role?: Role; includeDisabled: boolean },
    trx?: Knex.Transaction,
  ): Promise<DirectoryEntry[]> {
    const executor = trx ?? this.db;
    const query = PersonModel.query(executor)
      .select('id', 'displayName', 'email', 'learnerCode')
      .whereNull('deletedAt');
    if (!filter.includeDisabled) query.whereNull('disabledAt');
    if (filter.role !== undefined) {
      query.whereIn(
        'id',
        PersonRoleModel.query(executor).select('personId').where('role', filter.role),
      );
    }
    const rows = await query;
    return rows.map((row) => ({
      id: row.id,
      displayName: row.displayName,
      email: row.email,
      learnerCode: row.learnerCode,
    }));
  }

  /**
   * Disables an account (with the reason) or enables it again (`disabled` null).
   *
   * @returns whether the person exists.
   */
  async setDisabled(
    personId: string,
    disabled: { at: Date; reason: string } | null,
    now: Date,
    trx?: Knex.Transaction,
  ): Promise<boolean> {
    const updated = await PersonModel.query(trx ?? this.db)
      .findById(personId)
      .patch({
        disabledAt: disabled?.at ?? null,
        disabledReason: disabled?.reason ?? null,
        updatedAt: now,
      });
    return updated > 0;
  }

  /** @param email any case; compared lower-cased. @returns the person, or null. */
  async findByEmail(email: string, trx?: Knex.Transaction): Promise<Person | null> {
    const row = await PersonModel.query(trx ?? this.db)
      .where('email', email.trim().toLowerCase())
      .first();
    return row ? toPerson(row, await this.rolesOf(row.id, trx)) : null;
  }

  /** @param code a normalised learner code. @returns the person, or null. */
  async findByLearnerCode(code: string, trx?: Knex.Transaction): Promise<Person | null> {
    const row = await PersonModel.query(trx ?? this.db)
      .where('learnerCode', code)
      .first();
    return row ? toPerson(row, await this.rolesOf(row.id, trx)) : null;
  }

  /** @returns whether a learner code is already in use. */
  async learnerCodeExists(code: string, trx?: Knex.Transaction): Promise<boolean> {
    const row = await PersonModel.query(trx ?? this.db)
      .select('id')
      .where('learnerCode', code)
      .first();
    return row !== undefined;
  }

  /** @returns whether an email (any case) is already in use. */
  async emailExists(email: string, trx?: Knex.Transaction): Promise<boolean> {
    const row = await PersonModel.query(trx ?? this.db)
      .select('id')
      .where('email', email.trim().toLowerCase())
      .first();
    return row !== undefined;
  }

  /** @returns the person's roles, sorted. */
  async rolesOf(personId: string, trx?: Knex.Transaction): Promise<Role[]> {
    const rows = await PersonRoleModel.query(trx ?? this.db).where('personId', personId);
    return sortRoles(rows.map((row) => row.role));
  }

  /** Grants a role; granting one already held changes nothing. */
  async addRole(personId: string, role: Role, trx?: Knex.Transaction): Promise<void> {
    await PersonRoleModel.query(trx ?? this.db)
      .insert({ personId, role })
      .onConflict(['personId', 'role'])
      .ignore();
  }

  /** @returns whether the person held the role (and no longer does). */
  async removeRole(personId: string, role: Role, trx?: Knex.Transaction): Promise<boolean> {
    const deleted = await PersonRoleModel.query(trx ?? this.db)
      .delete()
      .where({ personId, role });
    return deleted > 0;
  }

  /**
   * @returns the ids of the people who hold `role`, sorted, with their role rows locked until
   *   the transaction ends on PostgreSQL (SQLite's single connection serialises transactions
   *   already), so a check on them cannot race with another transaction's change.
   */
  async lockHoldersOf(role: Role, trx: Knex.Transaction): Promise<string[]> {
    const query = PersonRoleModel.query(trx)
      .select('personId')
      .where('role', role)
      .orderBy('personId');
    const rows = isPostgres(this.db) ? await query.forUpdate() : await query;
    return rows.map((row) => row.personId);
  }

  /** Records a guardian's consent. */
  async addGuardianConsent(consent: GuardianConsent, trx?: Knex.Transaction): Promise<void> {
    await GuardianConsentModel.query(trx ?? this.db).insert({ ...consent });
  }

  /** @returns the person's guardian consents, oldest first, withdrawn ones included. */
  async guardianConsentsOf(personId: string, trx?: Knex.Transaction): Promise<GuardianConsent[]> {
    const rows = await GuardianConsentModel.query(trx ?? this.db)
      .where('personId', personId)
      .orderBy('givenAt')
      .orderBy('id');
    return rows.map((row) => ({
      id: row.id,
      personId: row.personId,
      guardianName: row.guardianName,
      guardianContact: row.guardianContact,
      scope: row.scope,
      recordedBy: row.recordedBy,
      givenAt: row.givenAt,
      withdrawnAt: row.withdrawnAt,
      allowsPublicShare: Boolean(row.allowsPublicShare),
    }));
  }

  /**
   * Sets whether the person's standing (not withdrawn) guardian consents allow public sharing.
   *
   * @returns how many standing consents were changed (0: the person has none).
   */
  async setPublicShareOfStandingConsents(
    personId: string,
    allows: boolean,
    trx?: Knex.Transaction,
  ): Promise<number> {
    return GuardianConsentModel.query(trx ?? this.db)
      .where('personId', personId)
      .whereNull('withdrawnAt')
      .patch({ allowsPublicShare: allows });
  }
}
