/**
 * What happens to an issued badge when the validations behind it change: a withdrawal or a
 * jury's refusal flags it for an administrator (the credential still verifies), an
 * administrator revokes it, and validating again earns it anew.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReasonRequired, UnknownAward } from '../../../server/app/engine-errors.ts';
import { flagAward } from '../../../server/app/flag-award.ts';
import { revokeBadge } from '../../../server/app/revoke-badge.ts';
import { listNotifications } from '../../../server/db/repositories/notifications-repository.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;
const PARTS = ['allumer-son-appareil', 'utiliser-l-ecran-tactile', 'se-connecter-au-wifi'];

describe.each(testDatabaseKinds())('flagging and revoking on %s', (kind) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('trainer-1', 'animateur@grange.example');
    await f.addPerson('admin-1', 'admin@grange.example');
  });
  afterAll(async () => {
    await f?.dispose();
  });

  const validate = (learnerId: string, skill: string) =>
    f.record({
      learnerId,
      skillId: `${S}/${skill}`,
      type: 'skill-validated',
      actorId: 'trainer-1',
    });

  async function earnPremiersPas(learnerId: string): Promise<string> {
    await f.addPerson(learnerId, `${learnerId}@example.org`);
    let awardId: string | undefined;
    for (const skill of PARTS) awardId ??= (await validate(learnerId, skill)).issued[0]?.awardId;
    if (awardId === undefined) throw new Error('premiers-pas was not issued');
    return awardId;
  }

  it('flags, without revoking, a badge whose validation is withdrawn', async () => {
    const awardId = await earnPremiersPas('yvette');
    const withdrawal = await f.record({
      learnerId: 'yvette',
      skillId: `${S}/se-connecter-au-wifi`,
      type: 'validation-withdrawn',
      actorId: 'trainer-1',
      comment: 'validée pour la mauvaise personne',
    });
    expect(withdrawal.states.get(`${S}/se-connecter-au-wifi`)?.status).toBe('withdrawn');
    expect(withdrawal.flagged).toEqual([
      {
        awardId,
        badgeId: PREMIERS_PAS,
        reason:
          'La validation de « Se connecter au Wi-Fi » a été retirée : validée pour la mauvaise personne',
      },
    ]);
    const row = await f.db('badge_awards').where({ id: awardId }).first();
    expect(row.flaggedAt).not.toBeNull();
    expect(row.revokedAt).toBeNull();
    const credential = JSON.parse(row.credential);
    expect((await f.verify(credential, { email: 'yvette@example.org' })).verdict).toBe('valid');

    // A later withdrawal, the badge already no longer met, raises no second flag.
    await validate('yvette', 'utiliser-le-clavier-et-la-souris');
    const again = await f.record({
      learnerId: 'yvette',
      skillId: `${S}/allumer-son-appareil`,
      type: 'validation-withdrawn',
      actorId: 'trainer-1',
      comment: 'erreur de saisie',
    });
    expect(again.flagged).toEqual([]);

    // The administrator revokes it; validating again earns it anew.
    await revokeBadge(f.deps, { awardId, reason: 'Compétences à revalider', actorId: 'admin-1' });
    expect((await f.verify(credential, { email: 'yvette@example.org' })).verdict).toBe('revoked');
    await validate('yvette', 'allumer-son-appareil');
    const reissued = await validate('yvette', 'se-connecter-au-wifi');
    expect(reissued.issued.map((a) => a.badgeId)).toEqual([PREMIERS_PAS]);
    expect(await f.count('badge_awards', { learnerId: 'yvette' })).toBe(2);
    const standing = await f
      .db('badge_awards')
      .where({ learnerId: 'yvette' })
      .whereNull('revokedAt');
    expect(standing.map((a) => a.id)).toEqual([reissued.issued[0]?.awardId]);
  });

  it('flags on a jury refusal, and not on a withdrawal the badge does not depend on', async () => {
    const awardId = await earnPremiersPas('henri');
    await validate('henri', 'naviguer-sur-le-web');
    const unrelated = await f.record({
      learnerId: 'henri',
      skillId: `${S}/naviguer-sur-le-web`,
      type: 'validation-withdrawn',
      actorId: 'trainer-1',
      comment: 'à revoir',
    });
    expect(unrelated.flagged).toEqual([]);
    // Another way to meet "at least one of": withdrawing the touch screen is not enough.
    await validate('henri', 'utiliser-le-clavier-et-la-souris');
    const covered = await f.record({
      learnerId: 'henri',
      skillId: `${S}/utiliser-l-ecran-tactile`,
      type: 'validation-withdrawn',
      actorId: 'trainer-1',
      comment: 'à revoir',
    });
    expect(covered.flagged).toEqual([]);

    const refused = await f.record({
      learnerId: 'henri',
      skillId: `${S}/allumer-son-appareil`,
      type: 'jury-decided',
      outcome: 'refuse',
      actorId: 'trainer-1',
      comment: 'fraude constatée',
    });
    expect(refused.flagged.map((a) => [a.awardId, a.reason])).toEqual([
      [awardId, 'Le jury a refusé « Allumer et éteindre son appareil » : fraude constatée'],
    ]);
    const kinds = (await listNotifications(f.db, 'henri')).map((n) => n.kind);
    expect(kinds).toContain('validation-rejected');
  });

  it('does not issue again, on an unrelated event, a badge an administrator revoked', async () => {
    const awardId = await earnPremiersPas('hugo');
    await revokeBadge(f.deps, { awardId, reason: 'Badge délivré par erreur', actorId: 'admin-1' });
    const next = await validate('hugo', 'naviguer-sur-le-web');
    expect(next.issued).toEqual([]);
    expect(await f.count('badge_awards', { learnerId: 'hugo' })).toBe(1);
  });

  it('notifies the learner of a rejection, with the comment', async () => {
    await f.addPerson('lucie', 'lucie@example.org');
    await f.record({
      learnerId: 'lucie',
      skillId: `${S}/envoyer-un-mail`,
      type: 'evidence-submitted',
      actorId: 'lucie',
      evidenceId: 'evidence-1',
    });
    const rejected = await f.record({
      learnerId: 'lucie',
      skillId: `${S}/envoyer-un-mail`,
      type: 'skill-rejected',
      actorId: 'trainer-1',
      comment: 'Il manque la pièce jointe',
    });
    expect(rejected.states.get(`${S}/envoyer-un-mail`)?.status).toBe('in_progress');
    const [note] = await listNotifications(f.db, 'lucie');
    expect(note).toMatchObject({
      kind: 'validation-rejected',
      payload: { skillId: `${S}/envoyer-un-mail`, comment: 'Il manque la pièce jointe' },
    });
  });

  it('flags by hand, with typed errors for an empty reason or an unknown award', async () => {
    const awardId = await earnPremiersPas('simone');
    await expect(flagAward(f.deps, { awardId, reason: '' })).rejects.toBeInstanceOf(ReasonRequired);
    await expect(flagAward(f.deps, { awardId: 'nope', reason: 'doute' })).rejects.toBeInstanceOf(
      UnknownAward,
    );
    const flagged = await flagAward(f.deps, {
      awardId,
      reason: 'Signature de la feuille illisible',
    });
    expect(flagged).toMatchObject({ flagReason: 'Signature de la feuille illisible' });
    expect(flagged.flaggedAt).toBe(f.clock().toISOString());
  });
});
