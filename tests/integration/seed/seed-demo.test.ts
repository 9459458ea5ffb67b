/**
 * Demo data for `npm start`: seeded through the real use cases on an empty database, the
 * badges it issues verify, the printed sign-in details work, and a second run does nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { signInWithPin } from '../../../server/app/accounts/sign-in-with-pin.ts';
import { DEMO_LEARNERS } from '../../../server/app/demo/cast.ts';
import { planLearnerEvents } from '../../../server/app/demo/plan.ts';
import { seededRandom } from '../../../server/app/demo/random.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import {
  formatDemoCredentials,
  type SeedDemoResult,
  seedDemoData,
} from '../../../server/app/seed-demo.ts';
import { listEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  skillStateRow,
} from '../../../server/db/repositories/skill-states-repository.ts';
import { referencedBadges } from '../../../server/domain/criteria/criteria-rule.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createEngineFixture,
  type EngineFixture,
  shippedCurricula,
} from '../engine/engine-fixture.ts';

const JWT_SECRET = 'test-secret-for-access-tokens-only-0123456789';

type Seeded = Extract<SeedDemoResult, { seeded: true }>;

describe('the demo plan', () => {
  it('is the same on every run, and stops before now', async () => {
    const catalog = await shippedCurricula();
    const now = new Date('2026-03-02T09:00:00.000Z');
    const plan = () => {
      const random = seededRandom(7);
      return DEMO_LEARNERS.map((l) => planLearnerEvents(catalog, l, now, random));
    };
    const first = plan();
    expect(plan()).toEqual(first);
    for (const events of first) {
      const times = events.map((e) => Date.parse(e.occurredAt));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      for (const t of times) expect(t).toBeLessThan(now.getTime());
    }
  });
});

describe.each(testDatabaseKinds())('demo data on %s', (kind) => {
  let f: EngineFixture;
  let result: Seeded;
  let seconds = 0;

  const seed = () => seedDemoData({ ...f.deps, jwtSecret: JWT_SECRET });
  const accounts = () => createAccountsDeps({ db: f.db, clock: f.clock, jwtSecret: JWT_SECRET });
  const learner = (key: string) => {
    const found = result.credentials.learners.find((l) => l.key === key);
    if (found === undefined) throw new Error(`no demo learner ${key}`);
    return found;
  };
  const statesOf = async (personId: string) => listSkillStateRows(f.db, personId);

  beforeAll(async () => {
    f = await createEngineFixture(kind);
    const started = performance.now();
    const outcome = await seed();
    seconds = (performance.now() - started) / 1000;
    if (!outcome.seeded) throw new Error('an empty database was not seeded');
    result = outcome;
  }, 120_000);
  afterAll(async () => {
    await f?.dispose();
  });

  it('creates an admin, two trainers and at least twelve learners, quickly', async () => {
    const rows: Array<{ role: string }> = await f.db('person_roles').select('role');
    const byRole: Record<string, number> = {};
    for (const { role } of rows) byRole[role] = (byRole[role] ?? 0) + 1;
    expect(byRole).toMatchObject({ admin: 1, trainer: 2 });
    expect(byRole.learner).toBeGreaterThanOrEqual(12);
    expect(result.credentials.learners.length).toBe(byRole.learner);
    expect(await f.count('groups')).toBe(5);
    if (kind === 'sqlite') expect(seconds).toBeLessThan(30);
  });

  it('gives minors a guardian consent and a private profile, and enrols learners', async () => {
    const minors = await f.db('people').where({ isMinor: true });
    expect(minors.length).toBeGreaterThanOrEqual(5);
    for (const minor of minors) {
      expect(await f.count('guardian_consents', { personId: minor.id })).toBe(1);
      expect(Boolean(minor.privateProfile)).toBe(true);
      expect(minor.email).toBeNull();
    }
    for (const l of result.credentials.learners) {
      const enrolments = await listEnrolments(f.db, l.personId);
      expect(enrolments.map((e) => e.curriculumId)).toContain(l.curriculumId);
    }
  });

  it('puts learners at different stages, every state coming from the engine', async () => {
    expect(await statesOf(learner('lucas').personId)).toEqual(new Map());
    const emma = await statesOf(learner('emma').personId);
    expect(emma.get('coding-kids/boucle-repeter')?.status).toBe('in_progress');
    const chloe = await statesOf(learner('chloe').personId);
    expect(chloe.get('coding-kids/creer-un-projet-scratch')?.status).toBe('submitted');
    const lea = await statesOf(learner('lea').personId);
    expect(lea.get('bafa/session-approfondissement')?.status).toBe('validated');
    // The jury has not decided yet: no event on that skill, so it is simply available.
    expect(lea.has('bafa/decision-du-jury-bafa')).toBe(false);
    const issuedTo = (key: string) =>
      result.issued.filter((i) => i.learnerKey === key).map((i) => i.badgeId);
    expect(issuedTo('lea')).toContain('bafa/approfondissement-valide');
    expect(issuedTo('lea')).not.toContain('bafa/bafa-obtenu');
    expect(issuedTo('nathan')).toContain('coding-kids/jeune-codeur');
    expect(issuedTo('lucas')).toEqual([]);
    expect(await f.count('notifications', { kind: 'validation-rejected' })).toBeGreaterThanOrEqual(
      4,
    );
    expect(await f.count('progress_events')).toBe(result.events);
    // Every evidence submission names a stored piece of evidence of the same learner and skill.
    const submissions = await f.db('progress_events').where({ type: 'evidence-submitted' });
    expect(submissions.length).toBeGreaterThan(0);
    expect(await f.count('evidence')).toBe(submissions.length);
    for (const event of submissions) {
      const { evidenceId } = JSON.parse(event.payload) as { evidenceId: string };
      const stored = await f.db('evidence').where({ id: evidenceId }).first();
      expect(stored).toMatchObject({ learnerId: event.learnerId, skillId: event.skillId });
    }
    expect(await f.count('badge_awards')).toBe(result.issued.length);
  });

  it('issues capstone badges that verify as valid', async () => {
    const index = indexCatalog(f.catalog);
    const capstones = result.issued.filter((award) => {
      const definition = index.badges.get(award.badgeId);
      return definition !== undefined && referencedBadges(definition.criteria).length > 0;
    });
    expect(capstones.length).toBeGreaterThanOrEqual(1);
    for (const award of capstones) {
      const row = await f.db('badge_awards').where({ id: award.awardId }).first();
      const holder = result.credentials.learners.find((l) => l.key === award.learnerKey);
      const recipient =
        holder?.email !== undefined
          ? { email: holder.email }
          : { url: `${f.publicUrl}/learners/${encodeURIComponent(holder?.personId ?? '')}` };
      const report = await f.verify(JSON.parse(row.credential), recipient);
      expect(report.verdict, `${award.badgeId} for ${award.learnerKey}`).toBe('valid');
    }
  }, 60_000);

  it('prints sign-in details that work', async () => {
    const text = formatDemoCredentials(result);
    const { admin, trainers, learners } = result.credentials;
    const deps = accounts();
    for (const staff of [admin, ...trainers]) {
      expect(text).toContain(staff.email);
      expect(text).toContain(staff.password);
      const session = await signInWithPassword(deps, {
        email: staff.email,
        password: staff.password,
      });
      expect(session.accessToken).toBeTruthy();
    }
    const shown = learners.filter((l) => l.showInConsole);
    expect(shown.some((l) => l.pin !== undefined)).toBe(true);
    expect(shown.some((l) => l.password !== undefined)).toBe(true);
    for (const l of shown) {
      if (l.pin !== undefined && l.learnerCode !== undefined) {
        expect(text).toContain(l.learnerCode);
        expect(text).toContain(l.pin);
        await signInWithPin(deps, { learnerCode: l.learnerCode, pin: l.pin });
      } else if (l.email !== undefined && l.password !== undefined) {
        expect(text).toContain(l.password);
        await signInWithPassword(deps, { email: l.email, password: l.password });
      }
    }
    // No fixed password: two seeds never print the same secrets.
    expect(new Set([admin.password, ...trainers.map((t) => t.password)]).size).toBe(3);
  });

  it('does nothing when the database already has people', async () => {
    const before = await Promise.all(
      ['people', 'progress_events', 'badge_awards', 'groups'].map((t) => f.count(t)),
    );
    expect(await seed()).toEqual({ seeded: false });
    expect(formatDemoCredentials({ seeded: false })).toBe('');
    const after = await Promise.all(
      ['people', 'progress_events', 'badge_awards', 'groups'].map((t) => f.count(t)),
    );
    expect(after).toEqual(before);
  });

  it('stores skill states equal to a fresh fold of the ledger', async () => {
    for (const key of ['yasmine', 'emma', 'lea']) {
      const learnerId = learner(key).personId;
      const ledger = await learnerLedger(f.db, learnerId);
      const fold = foldSkillStates(
        f.catalog.graph,
        ledger.map((e) => e.event),
        { now: f.clock(), validityMonths: indexCatalog(f.catalog).validityMonths },
      );
      const lastSeq = new Map(ledger.map((e) => [e.event.skillId, e.seq]));
      const expected = [...lastSeq]
        .map(([skillId, seq]) => {
          const state = fold.get(skillId);
          if (state === undefined) throw new Error(`no state for ${skillId}`);
          return skillStateRow(learnerId, state, seq);
        })
        .sort((a, b) => a.skillId.localeCompare(b.skillId));
      const stored = [...(await statesOf(learnerId)).values()].sort((a, b) =>
        a.skillId.localeCompare(b.skillId),
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(expected);
    }
  });
});
