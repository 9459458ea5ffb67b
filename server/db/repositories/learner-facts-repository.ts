/**
 * What a learner's pages read besides their progress, each a few rows: their standing badges,
 * their enrolments with their groups, how many of their notifications are unread. A home asks
 * for all three at once; `readLearnerFacts` reads the ones asked for together.
 *
 * On PostgreSQL that is ONE statement (each statement is a round trip, which costs the server
 * and the database more than these small reads themselves: bench/api.bench.ts): each list as a
 * JSON array, beside the count. On SQLite each is its own statement: there they run
 * synchronously on the reader of `select-rows.ts`, for less than a JSON round trip would cost.
 */
import { type Database, isPostgres } from '../connection.ts';
import { selectRows } from '../select-rows.ts';
import {
  STANDING_BADGES_SQL,
  type StandingBadge,
  type StandingBadgeRow,
  standingBadgesOf,
} from './badge-awards-repository.ts';
import {
  enrolmentsOf,
  LEARNER_ENROLMENTS_SQL,
  type LearnerEnrolment,
  type LearnerEnrolmentRow,
} from './learner-enrolments-repository.ts';
import { UNREAD_NOTIFICATIONS_SQL } from './notifications-repository.ts';

/** The facts, by name. */
export interface LearnerFacts {
  standingBadges: StandingBadge[];
  enrolments: LearnerEnrolment[];
  unreadNotifications: number;
}

export type LearnerFactKind = keyof LearnerFacts;

/** Each fact's statement (one binding: the learner), and how PostgreSQL reads it beside others. */
const FACTS: Record<LearnerFactKind, { sql: string; postgres: string }> = {
  standingBadges: {
    sql: STANDING_BADGES_SQL,
    postgres: `(select coalesce(json_agg(t order by t."issuedAt", t.id), '[]'::json)
      from (${STANDING_BADGES_SQL}) t)`,
  },
  enrolments: {
    sql: LEARNER_ENROLMENTS_SQL,
    postgres: `(select coalesce(json_agg(t order by t."enrolledAt", t."curriculumId",
        t."groupName", t."groupId"), '[]'::json)
      from (${LEARNER_ENROLMENTS_SQL}) t)`,
  },
  unreadNotifications: { sql: UNREAD_NOTIFICATIONS_SQL, postgres: `(${UNREAD_NOTIFICATIONS_SQL})` },
};

const KINDS = Object.keys(FACTS) as LearnerFactKind[];

/** PostgreSQL's statement for each set of facts (the same text each time: a named statement). */
const postgresStatements = new Map<number, string>();

/**
 * @param db the database (outside a transaction: these are reads of what is committed).
 * @param learnerId the learner.
 * @param kinds the facts wanted.
 * @returns those facts (the others are absent).
 */
export async function readLearnerFacts(
  db: Database,
  learnerId: string,
  kinds: readonly LearnerFactKind[],
): Promise<Partial<LearnerFacts>> {
  const wanted = KINDS.filter((kind) => kinds.includes(kind));
  if (!isPostgres(db)) {
    const facts: Partial<LearnerFacts> = {};
    for (const kind of wanted) {
      const rows = await selectRows(db, FACTS[kind].sql, [learnerId]);
      setFact(facts, kind, rows);
    }
    return facts;
  }
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    postgresStatement(wanted),
    wanted.map(() => learnerId),
  );
  const facts: Partial<LearnerFacts> = {};
  for (const kind of wanted) {
    const value = row?.[kind];
    setFact(facts, kind, kind === 'unreadNotifications' ? [{ unread: value }] : (value ?? []));
  }
  return facts;
}

function postgresStatement(kinds: readonly LearnerFactKind[]): string {
  const set = kinds.reduce((bits, kind) => bits | (1 << KINDS.indexOf(kind)), 0);
  let sql = postgresStatements.get(set);
  if (sql === undefined) {
    sql = `select ${kinds.map((kind) => `${FACTS[kind].postgres} as "${kind}"`).join(',\n  ')}`;
    postgresStatements.set(set, sql);
  }
  return sql;
}

function setFact(facts: Partial<LearnerFacts>, kind: LearnerFactKind, rows: unknown): void {
  if (kind === 'standingBadges')
    facts.standingBadges = standingBadgesOf(rows as StandingBadgeRow[]);
  else if (kind === 'enrolments') facts.enrolments = enrolmentsOf(rows as LearnerEnrolmentRow[]);
  else {
    const [count] = rows as { unread: number | string | null }[];
    facts.unreadNotifications = Number(count?.unread ?? 0);
  }
}
