/**
 * A counter on each group's row that moves whenever what its trainers' grid shows of its
 * learners may have changed: who its members are (`group_members`), their names, or where a
 * member's progress ledger ends (`people.display_name`, `people.ledger_end`: every progress
 * event moves the latter). A trainer's grid is kept between requests while the counter has not
 * moved (`app/workshops/group-progress.ts`): a grid refreshed during a workshop then reads the
 * group's row alone, not its learners' rows (bench/api.bench.ts).
 *
 * Triggers move it in the writing transaction, as they move `people.facts_stamp`, so no writer
 * can forget it. On PostgreSQL they are deferred to the commit: a progress event's transaction
 * (which may sign badges) then holds its groups' rows only while it commits, not for its whole
 * length, and each takes them in id order, so two transactions committing at once cannot each
 * wait for the other.
 */
import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';

/** The people's columns a grid shows or is kept by. */
const PERSON_COLUMNS = ['display_name', 'ledger_end'];

const BUMP = 'update groups set grid_stamp = grid_stamp + 1 where id';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('groups', (t) => {
    t.bigInteger('grid_stamp').notNullable().defaultTo(0);
  });
  for (const statement of isPostgres(knex) ? postgresTriggers() : sqliteTriggers()) {
    await knex.raw(statement);
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isPostgres(knex)) {
    await knex.raw('drop trigger if exists people_grid_stamp on people');
    await knex.raw('drop trigger if exists group_members_grid_stamp on group_members');
    await knex.raw('drop function if exists grange_grid_stamp_of_person()');
    await knex.raw('drop function if exists grange_grid_stamp_of_member()');
  } else {
    await knex.raw('drop trigger if exists people_grid_stamp_update');
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(`drop trigger if exists group_members_grid_stamp_${event}`);
    }
  }
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds `groups`, which foreign keys forbid.
  await knex.raw('ALTER TABLE groups DROP COLUMN grid_stamp');
}

/** SQLite runs one writing transaction at a time: plain triggers, nothing to order. */
function sqliteTriggers(): string[] {
  return [
    `create trigger people_grid_stamp_update after update of ${PERSON_COLUMNS.join(', ')} on people
     begin ${BUMP} in (select group_id from group_members where person_id = new.id); end`,
    `create trigger group_members_grid_stamp_insert after insert on group_members
     begin ${BUMP} = new.group_id; end`,
    `create trigger group_members_grid_stamp_update
     after update of group_id, person_id, role on group_members
     begin ${BUMP} in (old.group_id, new.group_id); end`,
    `create trigger group_members_grid_stamp_delete after delete on group_members
     begin ${BUMP} = old.group_id; end`,
  ];
}

/**
 * Constraint triggers, deferred: they run when the transaction commits. Each locks the rows it
 * moves in id order first (`for update`), so concurrent commits take shared groups in one order.
 */
function postgresTriggers(): string[] {
  const bumpInOrder = (groups: string) => `
       perform 1 from groups where id in (${groups}) order by id for update;
       ${BUMP} in (${groups});`;
  return [
    `create function grange_grid_stamp_of_person() returns trigger language plpgsql as $$
     begin
       if new.display_name is distinct from old.display_name
         or new.ledger_end is distinct from old.ledger_end then
         ${bumpInOrder('select group_id from group_members where person_id = new.id')}
       end if;
       return null;
     end $$`,
    `create constraint trigger people_grid_stamp
     after update of ${PERSON_COLUMNS.join(', ')} on people
     deferrable initially deferred for each row execute function grange_grid_stamp_of_person()`,
    `create function grange_grid_stamp_of_member() returns trigger language plpgsql as $$
     begin
       if tg_op = 'INSERT' then ${bumpInOrder('new.group_id')}
       elsif tg_op = 'UPDATE' then ${bumpInOrder('old.group_id, new.group_id')}
       else ${bumpInOrder('old.group_id')}
       end if;
       return null;
     end $$`,
    `create constraint trigger group_members_grid_stamp
     after insert or delete or update of group_id, person_id, role on group_members
     deferrable initially deferred for each row execute function grange_grid_stamp_of_member()`,
  ];
}
