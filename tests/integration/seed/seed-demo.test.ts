/**
 * Demo data for `npm start`: seeded through the real use cases on an empty database, the
 * badges it issues verify, the printed sign-in details work, workshop sessions (past ones with
 * attendance, one today in Paris), evidence awaiting review, a flagged and a revoked badge
 * exist, a job counsellor follows two job seekers' pathways through the real use cases, and a
 * second run does nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { signInWithPin } from '../../../server/app/accounts/sign-in-with-pin.ts';
import { DEMO_LEARNERS, DEMO_PATHWAYS, DEMO_REVOCATION } from '../../../server/app/demo/cast.ts';
import { planLearnerEvents, planPathwayMilestones } from '../../../server/app/demo/plan.ts';
import { seededRandom } from '../../../server/app/demo/random.ts';
import { planDemoSessions } from '../../../server/app/demo/workshops.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import { readPathway } from '../../../server/app/pathway/read-pathway.ts';
import {
  formatDemoCredentials,
  type SeedDemoResult,
  seedDemoData,
} from '../../../server/app/seed-demo.ts';
import { checkInWindow } from '../../../server/app/workshops/check-in.ts';
import { validationQueue } from '../../../server/app/workshops/group-progress.ts';
import { listEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  skillStateRow,
} from '../../../server/db/repositories/skill-states-repository.ts';
import { listWorkshopSessions } from '../../../server/db/repositories/workshops-repository.ts';
import { calendarDayBounds, calendarDayOf } from '../../../server/domain/calendar.ts';
import { referencedBadges } from '../../../server/domain/criteria/criteria-rule.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createEngineFixture,
  type EngineFixture,
  shippedCurricula,
} from '../engine/engine-fixture.ts';

const JWT_SECRET = 'test-secret-for-access-tokens-only-0123456789';
const PARIS = 'Europe/Paris';

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

describe('the demo pathways', () => {
  it('name real learners, jobs and milestones, and stale ones fail before anything is written', async () => {
    const catalog = await shippedCurricula();
    const now = new Date('2026-03-02T09:00:00.000Z');
    const keys = new Set(DEMO_LEARNERS.map((l) => l.key));
    const [yasmine] = DEMO_PATHWAYS;
    if (yasmine === undefined) throw new Error('no demo pathway');
    expect(planPathwayMilestones(catalog, yasmine, keys, now).map((m) => m.reachedOn)).toEqual([
      '2026-01-11',
      '2026-01-31',
      '2026-02-24',
    ]);
    const stale = { ...yasmine, targetJobs: ['astronaute'] };
    expect(() => planPathwayMilestones(catalog, stale, keys, now)).toThrow(/astronaute/);
    const unknownMilestone = {
      ...yasmine,
      milestones: [{ milestoneId: 'permis-b', daysAgo: 1, by: 'learner' as const }],
    };
    expect(() => planPathwayMilestones(catalog, unknownMilestone, keys, now)).toThrow(/permis-b/);
    expect(() =>
      planPathwayMilestones(catalog, { ...yasmine, learnerKey: 'zoe' }, keys, now),
    ).toThrow(/zoe/);
  });
});

const TABLES = [
  'people',
  'counsellor_follows',
  'pathway_targets',
  'pathway_milestones',
  'counsellor_notes',
  'progress_events',
  'badge_awards',
  'groups',
  'workshop_sessions',
  'attendance',
  'evidence',
];

describe('the demo sessions', () => {
  it('puts the seniors’ session on today’s date in Paris, even late in the evening', () => {
    // 22:50 UTC on 28 March is 23:50 in Paris: still the 28th there, with two hours to go.
    for (const now of ['2026-03-28T22:50:00Z', '2026-03-29T09:10:00Z', '2026-10-25T00:10:00Z']) {
      const sessions = planDemoSessions(new Date(now), PARIS);
      const today = sessions.at(-1);
      const bounds = calendarDayBounds(Date.parse(now), PARIS);
      expect(today?.present).toEqual([]);
      expect(Date.parse(today?.startsAt ?? '')).toBeGreaterThanOrEqual(bounds.start);
      expect(Date.parse(today?.endsAt ?? '')).toBeLessThanOrEqual(bounds.end);
      for (const past of sessions.slice(0, -1)) {
        expect(Date.parse(past.endsAt)).toBeLessThan(bounds.start);
        // 14:00 local, summer or winter.
        expect(
          new Intl.DateTimeFormat('fr-FR', {
            timeZone: PARIS,
            hour: '2-digit',
            minute: '2-digit',
          }).format(new Date(past.startsAt)),
        ).toBe('14:00');
      }
    }
  });
});

describe.each(testDatabaseKinds())('demo data on %s', (kind) => {
  let f: EngineFixture;
  let result: Seeded;
  let seconds = 0;

  const seed = () => seedDemoData({ ...f.deps, jwtSecret: JWT_SECRET, timeZone: PARIS });
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

  it('creates an admin, two trainers, a counsellor and at least twelve learners, quickly', async () => {
    const rows: Array<{ role: string }> = await f.db('person_roles').select('role');
    const byRole: Record<string, number> = {};
    for (const { role } of rows) byRole[role] = (byRole[role] ?? 0) + 1;
    expect(byRole).toMatchObject({ admin: 1, trainer: 2, counsellor: 1 });
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
    const { admin, trainers, counsellor, learners } = result.credentials;
    const deps = accounts();
    expect(text).toContain(
      `  Conseillère emploi / Job counsellor : ${counsellor.displayName} — ${counsellor.email} / ${counsellor.password}`,
    );
    for (const staff of [admin, ...trainers, counsellor]) {
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
    expect(
      new Set([admin.password, ...trainers.map((t) => t.password), counsellor.password]).size,
    ).toBe(4);
  });

  it('lets the counsellor follow two job seekers with target jobs, milestones and one note', async () => {
    const { counsellor } = result.credentials;
    const follows = await f
      .db('counsellor_follows')
      .where({ counsellorId: counsellor.personId })
      .whereNull('endedAt');
    const followed = new Set(follows.map((row: { learnerId: string }) => row.learnerId));
    expect(followed).toEqual(new Set([learner('yasmine').personId, learner('thomas').personId]));
    expect(await f.count('counsellor_notes')).toBe(1);

    const pathwayDeps = { db: f.db, catalog: f.catalog, clock: f.clock };
    const withNotes = { withNotes: true };
    const yasmine = await readPathway(pathwayDeps, learner('yasmine').personId, withNotes);
    expect(yasmine.targets.map((t) => t.job.id)).toEqual([
      'assistant-administratif',
      'conseiller-assistance-client',
    ]);
    expect(yasmine.milestones.map((m) => m.milestoneId)).toEqual([
      'projet-professionnel-defini',
      'cv-pret',
      'premier-entretien',
    ]);
    expect(yasmine.notes?.map((n) => n.counsellorId)).toEqual([counsellor.personId]);
    // Milestones the learner set are hers; the others the counsellor's.
    const setBy = await f
      .db('pathway_milestones')
      .where({ learnerId: learner('yasmine').personId })
      .orderBy('reachedOn');
    expect(setBy.map((row: { setBy: string }) => row.setBy)).toEqual([
      counsellor.personId,
      learner('yasmine').personId,
      counsellor.personId,
    ]);
    const thomas = await readPathway(pathwayDeps, learner('thomas').personId, withNotes);
    expect(thomas.targets.map((t) => t.job.id)).toEqual(['technicien-support']);
    expect(thomas.notes).toEqual([]);
  });

  it('does nothing when the database already has people', async () => {
    const before = await Promise.all(TABLES.map((t) => f.count(t)));
    expect(await seed()).toEqual({ seeded: false });
    expect(formatDemoCredentials({ seeded: false })).toBe('');
    const after = await Promise.all(TABLES.map((t) => f.count(t)));
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

  it('plans past sessions with attendance and one of the seniors today, open for check-in', async () => {
    const groups: Array<{ id: string; curriculumId: string }> = await f.db('groups').select();
    const groupOf = new Map(groups.map((g) => [g.curriculumId, g.id]));
    const now = f.clock();
    const bounds = calendarDayBounds(now.getTime(), PARIS);
    const today = await listWorkshopSessions(
      f.db,
      groups.map((g) => g.id),
      new Date(bounds.start),
      new Date(bounds.end),
    );
    expect(today).toHaveLength(1);
    const [session] = today;
    expect(session?.groupId).toBe(groupOf.get('seniors-numerique'));
    expect(session?.targetSkills.length).toBeGreaterThan(0);
    expect(calendarDayOf(Date.parse(session?.startsAt ?? ''), PARIS)).toBe(
      calendarDayOf(now.getTime(), PARIS),
    );
    const window = checkInWindow(session ?? { startsAt: '', endsAt: '' });
    expect(window.opensAt).toBeLessThanOrEqual(now.getTime());
    expect(window.closesAt).toBeGreaterThan(now.getTime());
    expect(await f.count('attendance', { sessionId: session?.id })).toBe(0);

    const past = await f.db('workshop_sessions').whereNot({ id: session?.id ?? '' });
    expect(past.length).toBeGreaterThanOrEqual(3);
    for (const row of past) {
      expect(new Date(row.endsAt).getTime()).toBeLessThan(bounds.start);
      expect(await f.count('attendance', { sessionId: row.id })).toBeGreaterThan(0);
    }
    // Everyone present is a learner of the session's group.
    const strangers = await f
      .db('attendance')
      .join('workshop_sessions', 'workshop_sessions.id', 'attendance.session_id')
      .leftJoin('group_members', (join) => {
        join
          .on('group_members.group_id', 'workshop_sessions.group_id')
          .andOn('group_members.person_id', 'attendance.person_id');
      })
      .whereNull('group_members.person_id');
    expect(strangers).toEqual([]);
  });

  it('leaves a text and a link in the trainers’ validation queues', async () => {
    const [sophie, karim] = result.credentials.trainers;
    const queueOf = async (personId: string) =>
      validationQueue(f.db, { personId, roles: ['trainer'] });
    const kids = await queueOf(sophie?.personId ?? '');
    const chloe = kids.find((item) => item.learnerId === learner('chloe').personId);
    expect(chloe?.skillId).toBe('coding-kids/creer-un-projet-scratch');
    expect(chloe?.evidence.map((e) => e.kind)).toEqual(['text']);
    const jobs = await queueOf(karim?.personId ?? '');
    const thomas = jobs.find(
      (item) =>
        item.learnerId === learner('thomas').personId &&
        item.skillId === 'parcours-emploi/ecrire-une-lettre-de-motivation',
    );
    expect(thomas?.evidence).toHaveLength(1);
    expect(thomas?.evidence[0]).toMatchObject({ kind: 'link' });
    expect(thomas?.evidence[0]?.url).toMatch(/^https:\/\/docs\.grange\.example\//);
  });

  it('revokes one badge with its reason, and flags another for review', async () => {
    const revoked = await f.db('badge_awards').whereNotNull('revoked_at');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      learnerId: learner(DEMO_REVOCATION.learnerKey).personId,
      badgeId: DEMO_REVOCATION.badgeId,
      revocationReason: DEMO_REVOCATION.reason,
      revokedBy: result.credentials.admin.personId,
    });
    const holder = learner(DEMO_REVOCATION.learnerKey);
    const report = await f.verify(JSON.parse(revoked[0].credential), {
      email: holder.email ?? '',
    });
    expect(report.verdict).toBe('revoked');

    const flagged = await f.db('badge_awards').whereNotNull('flagged_at').whereNull('revoked_at');
    expect(flagged.map((a) => [a.learnerId, a.badgeId])).toContainEqual([
      learner('jeannine').personId,
      'seniors-numerique/internet-au-quotidien',
    ]);
    expect(flagged.every((a) => String(a.flagReason).length > 0)).toBe(true);
  });
});
