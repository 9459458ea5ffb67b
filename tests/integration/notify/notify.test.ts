/**
 * Notifications by email (written to the development outbox) and expiry reminders, on a real
 * engine: each email is sent once, people without email get none, a reminder is made once for
 * a badge expiring within 30 days and not for one further away.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueBadge } from '../../../server/app/issue-badge.ts';
import { remindExpiringBadges } from '../../../server/app/notify/remind-expiring-badges.ts';
import { sendNotificationEmails } from '../../../server/app/notify/send-notification-emails.ts';
import { createMailer, type Mailer } from '../../../server/mail/mailer.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;
const DAY = 24 * 3600_000;

describe.each(testDatabaseKinds())('notifications by email on %s', (kind) => {
  let f: EngineFixture;
  let outbox: string;
  let mailer: Mailer;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    outbox = join(mkdtempSync(join(tmpdir(), 'grange-outbox-')), 'outbox');
    mailer = createMailer({ outboxDir: outbox });
    await f.addPerson('trainer', 'trainer@grange.example');
  });
  afterAll(async () => {
    mailer?.close();
    if (outbox !== undefined) rmSync(join(outbox, '..'), { recursive: true, force: true });
    await f?.dispose();
  });

  const send = () =>
    sendNotificationEmails({ db: f.db, mailer, publicUrl: f.publicUrl, clock: f.clock });
  const outboxFiles = (): string[] => {
    try {
      return readdirSync(outbox);
    } catch {
      return [];
    }
  };

  async function earnPremiersPas(learnerId: string): Promise<void> {
    for (const skill of [
      'allumer-son-appareil',
      'utiliser-l-ecran-tactile',
      'se-connecter-au-wifi',
    ]) {
      await f.record({
        learnerId,
        skillId: `${S}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer',
      });
    }
  }

  it('writes one email to the outbox for a badge earned, once', async () => {
    await f.addPerson('paulette', 'paulette@example.org');
    await earnPremiersPas('paulette');
    expect(await f.count('notifications', { personId: 'paulette', kind: 'badge-earned' })).toBe(1);

    expect(await send()).toEqual({ sent: 1, failed: 0 });
    const files = outboxFiles();
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(outbox, files[0] ?? ''), 'utf8');
    expect(eml).toContain('To: paulette@example.org');
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);

    // A second run finds nothing left to send.
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(outboxFiles()).toHaveLength(1);
    const [row] = await f.db('notifications').where({ personId: 'paulette' });
    expect(row.emailedAt).not.toBeNull();
  });

  it('sends nothing to a person without email', async () => {
    await f.addPerson('marcel', null);
    await earnPremiersPas('marcel');
    expect(await f.count('notifications', { personId: 'marcel', kind: 'badge-earned' })).toBe(1);
    const before = outboxFiles().length;
    expect(await send()).toEqual({ sent: 0, failed: 0 });
    expect(outboxFiles()).toHaveLength(before);
  });

  it('reminds once of an award expiring in 20 days, not of one expiring in 40', async () => {
    const now = f.clock();
    for (const [id, days] of [
      ['soon', 20],
      ['later', 40],
    ] as const) {
      await f.addPerson(id, `${id}@example.org`);
      const outcome = await f.db.transaction((trx) =>
        issueBadge(trx, f.deps, {
          learner: { id, email: `${id}@example.org` },
          badgeId: PREMIERS_PAS,
          states: new Map(),
          heldBadges: new Set(),
          ledger: [],
          direct: { evidence: [{ name: 'Test', narrative: 'Attribué pour le test.' }] },
        }),
      );
      if (!outcome.issued) throw new Error('not issued');
      await f
        .db('badge_awards')
        .where({ id: outcome.award.awardId })
        .update({ validUntil: new Date(now.getTime() + days * DAY).toISOString() });
    }
    const [soonAward] = await f.db('badge_awards').where({ learnerId: 'soon' });

    expect(await remindExpiringBadges(f.deps, now)).toEqual([soonAward.id]);
    expect(await remindExpiringBadges(f.deps, new Date(now.getTime() + DAY))).toEqual([]);
    expect(await f.count('notifications', { personId: 'soon', kind: 'expiry-soon' })).toBe(1);
    expect(await f.count('notifications', { personId: 'later', kind: 'expiry-soon' })).toBe(0);
    const [reminded] = await f.db('badge_awards').where({ learnerId: 'soon' });
    expect(reminded.expiryRemindedAt).not.toBeNull();

    // Sending mails the badge-earned and the expiry-soon of 'soon', the badge-earned of 'later'.
    const before = outboxFiles().length;
    expect(await send()).toEqual({ sent: 3, failed: 0 });
    expect(outboxFiles()).toHaveLength(before + 3);
  });
});
