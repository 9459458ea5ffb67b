/**
 * A counter on each person's row that moves whenever what their pages read beside their
 * progress changes: their standing badges (`badge_awards`), their enrolments and the groups
 * those show (`enrolments`, `group_members`, `groups`), how many notifications they have not
 * read (`notifications`). The GraphQL context keeps those facts between requests while the
 * counter has not moved (`app/learner/learner-facts.ts`), and the counter comes with the
 * sign-in read of the person's row: a learner's home, asked again with nothing changed, reads
 * only that row (bench/api.bench.ts).
 *
 * Triggers move it, in the writing transaction, so no writer can forget it: the use cases,
 * administrators' scripts, another instance, cascades (deleting a group deletes its members'
 * rows, whose triggers fire). An update moves it only when it sets a column those pages read
 * (a notification marked as e-mailed does not). A group renamed or archived moves it for each
 * of its members.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';

/** Tables whose rows belong to one person, by the column naming them. */
const OWNED: ReadonlyArray<{ table: string; owner: string; columns: readonly string[] }> = [
  {
    table: 'badge_awards',
    owner: 'learner_id',
    columns: ['id', 'learner_id', 'badge_id', 'issued_at', 'valid_until', 'revoked_at'],
  },
  {
    table: 'enrolments',
    owner: 'person_id',
    columns: ['person_id', 'curriculum_id', 'enrolled_at'],
  },
  { table: 'group_members', owner: 'person_id', columns: ['group_id', 'person_id', 'role'] },
  { table: 'notifications', owner: 'person_id', columns: ['person_id', 'read_at'] },
];

/** What a group's members see of it: their enrolment shows its name while it is active. */
const GROUP_COLUMNS = ['id', 'name', 'curriculum_id', 'archived_at'];

const BUMP = 'update people set facts_stamp = facts_stamp + 1 where id';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.bigInteger('facts_stamp').notNullable().defaultTo(0);
  });
  const postgres = isPostgres(knex);
  for (const statement of postgres ? postgresTriggers() : sqliteTriggers()) {
    await knex.raw(statement);
  }
}

export async function down(knex: Knex): Promise<void> {
  const postgres = isPostgres(knex);
  for (const { table } of OWNED) {
    if (postgres) await knex.raw(`drop trigger if exists ${table}_facts_stamp on ${table}`);
    else {
      for (const event of ['insert', 'update', 'delete']) {
        await knex.raw(`drop trigger if exists ${table}_facts_stamp_${event}`);
      }
    }
  }
  if (postgres) {
    await knex.raw('drop trigger if exists groups_facts_stamp on groups');
    for (const owner of new Set(OWNED.map((o) => o.owner))) {
      await knex.raw(`drop function if exists grange_facts_stamp_by_${owner}()`);
    }
    await knex.raw('drop function if exists grange_facts_stamp_of_group()');
  } else {
    await knex.raw('drop trigger if exists groups_facts_stamp_update');
    await knex.raw('drop trigger if exists groups_facts_stamp_delete');
  }
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds `people`, which foreign keys forbid.
  await knex.raw('ALTER TABLE people DROP COLUMN facts_stamp');
}

function sqliteTriggers(): string[] {
  const statements = OWNED.flatMap(({ table, owner, columns }) => [
    `create trigger ${table}_facts_stamp_insert after insert on ${table}
     begin ${BUMP} = new.${owner}; end`,
    `create trigger ${table}_facts_stamp_update after update of ${columns.join(', ')} on ${table}
     begin ${BUMP} in (old.${owner}, new.${owner}); end`,
    `create trigger ${table}_facts_stamp_delete after delete on ${table}
     begin ${BUMP} = old.${owner}; end`,
  ]);
  statements.push(
    `create trigger groups_facts_stamp_update after update of ${GROUP_COLUMNS.join(', ')} on groups
     begin ${BUMP} in (select person_id from group_members where group_id in (old.id, new.id)); end`,
    `create trigger groups_facts_stamp_delete after delete on groups
     begin ${BUMP} in (select person_id from group_members where group_id = old.id); end`,
  );
  return statements;
}

function postgresTriggers(): string[] {
  const statements = [...new Set(OWNED.map((o) => o.owner))].map(
    (owner) => `create function grange_facts_stamp_by_${owner}() returns trigger
     language plpgsql as $$
     begin
       if tg_op = 'INSERT' then ${BUMP} = new.${owner};
       elsif tg_op = 'UPDATE' then ${BUMP} in (old.${owner}, new.${owner});
       else ${BUMP} = old.${owner};
       end if;
       return null;
     end $$`,
  );
  statements.push(
    ...OWNED.map(
      ({ table, owner, columns }) => `create trigger ${table}_facts_stamp
       after insert or delete or update of ${columns.join(', ')} on ${table}
       for each row execute function grange_facts_stamp_by_${owner}()`,
    ),
    `create function grange_facts_stamp_of_group() returns trigger language plpgsql as $$
     begin
       if tg_op = 'UPDATE' then
         ${BUMP} in (select person_id from group_members where group_id in (old.id, new.id));
       else
         ${BUMP} in (select person_id from group_members where group_id = old.id);
       end if;
       return null;
     end $$`,
    `create trigger groups_facts_stamp after delete or update of ${GROUP_COLUMNS.join(', ')}
     on groups for each row execute function grange_facts_stamp_of_group()`,
  );
  return statements;
}
