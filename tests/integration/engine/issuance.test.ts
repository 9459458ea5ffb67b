/**
 * The progress engine issuing real badges of the shipped curricula: validations → a signed
 * Open Badges 3.0 credential that an outside verifier accepts, exactly once; self-assessment
 * and capstone rules; revocation through the status list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMatches } from '../../../badges/recipient/identity-hash.ts';
import { ReasonRequired, UnknownAward } from '../../../server/app/engine-errors.ts';
import { revokeBadge } from '../../../server/app/revoke-badge.ts';
import { listAwardEvidence } from '../../../server/db/repositories/badge-awards-repository.ts';
import { listNotifications } from '../../../server/db/repositories/notifications-repository.ts';
import { verifySnapshot } from '../../../server/domain/identity/content-hash.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;

describe.each(testDatabaseKinds())('badge issuance on %s', (kind) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('trainer-1', 'animatrice@grange.example');
    await f.addPerson('admin-1', 'admin@grange.example');
  });
  afterAll(async () => {
    await f?.dispose();
  });

  const validate = (learnerId: string, skill: string, level?: number) =>
    f.record({
      learnerId,
      skillId: `${S}/${skill}`,
      type: 'skill-validated',
      actorId: 'trainer-1',
      ...(level === undefined ? {} : { level }),
    });

  it('issues a badge once its skills are validated, with a credential verifiers accept', async () => {
    await f.addPerson('camille', 'Camille.Martin@example.org');
    const first = await validate('camille', 'allumer-son-appareil');
    const second = await validate('camille', 'utiliser-l-ecran-tactile');
    expect([...first.issued, ...second.issued]).toEqual([]);
    const third = await validate('camille', 'se-connecter-au-wifi');
    expect(third.issued.map((a) => a.badgeId)).toEqual([PREMIERS_PAS]);
    const award = third.issued[0];
    if (award === undefined) throw new Error('no award');

    // Validating again does not issue it again.
    const again = await validate('camille', 'se-connecter-au-wifi');
    expect(again.issued).toEqual([]);
    expect(await f.count('badge_awards', { learnerId: 'camille' })).toBe(1);

    const { credential } = award;
    expect(credential.issuer.id).toBe(f.issuer.profile.id);
    expect(credential.issuer.id).toMatch(/^did:web:127\.0\.0\.1%3A\d+$/);
    const achievement = credential.credentialSubject.achievement;
    expect(achievement).toMatchObject({
      id: `${f.publicUrl}/badges/definitions/${PREMIERS_PAS}`,
      name: 'Premiers pas',
      criteria: { id: `${f.publicUrl}/badges/definitions/${PREMIERS_PAS}` },
      image: { id: `${f.publicUrl}/badges/definitions/${PREMIERS_PAS}.png` },
      alignment: [
        {
          targetName: 'Construire un environnement numérique',
          targetUrl: 'https://pix.fr/competences',
          targetCode: '5.2',
          targetFramework: 'Pix',
        },
      ],
    });
    expect(achievement.criteria.narrative).toMatch(/^A allumé et déverrouillé/);
    const text = JSON.stringify(credential);
    expect(text).not.toMatch(/camille|martin|animatrice|trainer-1/i);
    expect(credential.evidence?.map((e) => e.narrative)).toEqual([
      expect.stringMatching(
        /^Compétence « .+ » validée par un animateur de la Grange le \d+ mars 2026\.$/,
      ),
      expect.stringMatching(/^Compétence « .+ » validée/),
      expect.stringMatching(/^Compétence « .+ » validée/),
    ]);
    expect(credential.credentialStatus?.statusListCredential).toBe(`${f.publicUrl}/status/1`);
    expect(credential.validFrom).toBe(award.issuedAt);
    expect(credential.validUntil).toBeUndefined();

    const valid = await f.verify(credential, { email: 'camille.martin@example.org' });
    expect(
      valid.checks.filter((c) => c.status !== 'passed').map((c) => [c.id, c.status, c.detail]),
    ).toEqual([]);
    expect(valid.verdict).toBe('valid');
    const stranger = await f.verify(credential, { email: 'someone.else@example.org' });
    expect(stranger.verdict).toBe('wrong-recipient');

    // The stored row: snapshot, evidence rows, OB 2.0 assertion, notification.
    const row = await f.db('badge_awards').where({ id: award.awardId }).first();
    const snapshot = JSON.parse(row.definitionSnapshot);
    expect(verifySnapshot(snapshot)).toBe(true);
    expect(snapshot.badge.id).toBe(PREMIERS_PAS);
    expect(row.curriculumHash).toBe(f.catalog.versions.get(S));
    const ob2 = JSON.parse(row.ob2Assertion);
    expect(ob2).toMatchObject({
      id: `${f.publicUrl}/ob2/assertions/${award.awardId}`,
      badge: `${f.publicUrl}/ob2/badges/${PREMIERS_PAS}`,
      verification: { type: 'HostedBadge' },
      recipient: { type: 'email', hashed: true, salt: row.recipientSalt },
    });
    expect(
      identityMatches(
        'email',
        'camille.martin@example.org',
        ob2.recipient.identity,
        true,
        ob2.recipient.salt,
      ),
    ).toBe(true);
    const evidence = await listAwardEvidence(f.db, award.awardId);
    const ids = [first, second, third].map((r) => r.entry.event.id).sort();
    expect(evidence).toEqual(ids);
    const notes = await listNotifications(f.db, 'camille');
    expect(notes.map((n) => n.kind)).toEqual(['badge-earned']);
    expect(notes[0]?.payload).toMatchObject({ awardId: award.awardId, badgeId: PREMIERS_PAS });
  });

  it('issues to a learner without email by their learner URL', async () => {
    await f.addPerson('lea', null);
    for (const skill of ['allumer-son-appareil', 'utiliser-le-clavier-et-la-souris']) {
      await validate('lea', skill);
    }
    const { issued } = await validate('lea', 'se-connecter-au-wifi');
    const credential = issued[0]?.credential;
    const url = `${f.publicUrl}/learners/lea`;
    expect((await f.verify(credential, { url })).verdict).toBe('valid');
    expect((await f.verify(credential, { url: `${f.publicUrl}/learners/camille` })).verdict).toBe(
      'wrong-recipient',
    );
  });

  it('does not issue on self-assessments unless the badge accepts them', async () => {
    await f.addPerson('marcel', 'marcel@example.org');
    for (const skill of [
      'allumer-son-appareil',
      'utiliser-l-ecran-tactile',
      'se-connecter-au-wifi',
    ]) {
      const result = await f.record({
        learnerId: 'marcel',
        skillId: `${S}/${skill}`,
        type: 'skill-self-assessed',
        actorId: 'marcel',
      });
      expect(result.states.get(`${S}/${skill}`)?.status).toBe('validated');
      expect(result.issued).toEqual([]);
    }
    expect(await f.count('badge_awards', { learnerId: 'marcel' })).toBe(0);

    // A badge that says acceptsSelfAssessment is earned on self-assessments alone.
    const accepting = f.catalog.badges.find((b) => b.acceptsSelfAssessment);
    if (accepting === undefined) throw new Error('no badge accepts self-assessment');
    const skills = f.catalog.curricula
      .flatMap((c) =>
        c.skills.map((s) => ({ id: `${c.id}/${s.id}`, self: s.validation.selfAssessment })),
      )
      .filter((s) => s.self && JSON.stringify(accepting.criteria).includes(`"${s.id}"`));
    const issued: string[] = [];
    for (const skill of skills) {
      const result = await f.record({
        learnerId: 'marcel',
        skillId: skill.id,
        type: 'skill-self-assessed',
        actorId: 'marcel',
      });
      issued.push(...result.issued.map((a) => a.badgeId));
    }
    expect(issued).toEqual([accepting.id]);
  });

  it('issues a capstone badge of badges together with its last part', async () => {
    await f.addPerson('odette', 'odette@example.org');
    const issued: string[][] = [];
    const steps: [string, number?][] = [
      ['sauvegarder-ses-donnees'],
      ['allumer-son-appareil'],
      ['utiliser-l-ecran-tactile'],
      ['se-connecter-au-wifi'],
      ['naviguer-sur-le-web'],
      ['rechercher-sur-internet'],
      ['reperer-un-site-officiel'],
      ['creer-une-adresse-mail'],
      ['envoyer-un-mail', 2],
      ['envoyer-une-piece-jointe'],
      ['faire-un-appel-video', 2],
      ['partager-des-photos'],
      ['eviter-les-arnaques'],
      ['dejouer-les-faux-conseillers'],
      ['signaler-une-arnaque'],
    ];
    for (const [skill, level] of steps) {
      issued.push((await validate('odette', skill, level)).issued.map((a) => a.badgeId));
    }
    expect(issued.flat()).toEqual([
      `${S}/premiers-pas`,
      `${S}/internet-au-quotidien`,
      `${S}/messagerie`,
      `${S}/en-famille-en-video`,
      `${S}/vigilant-face-aux-arnaques`,
      `${S}/autonome-au-quotidien`,
    ]);
    expect(issued.at(-1)).toEqual([
      `${S}/vigilant-face-aux-arnaques`,
      `${S}/autonome-au-quotidien`,
    ]);
    // The badge with a validity carries validUntil 24 months on.
    const vigilant = await f
      .db('badge_awards')
      .where({ learnerId: 'odette', badgeId: `${S}/vigilant-face-aux-arnaques` })
      .first();
    const issuedAt = new Date(vigilant.issuedAt);
    const validUntil = new Date(vigilant.validUntil);
    expect(validUntil.getUTCFullYear() - issuedAt.getUTCFullYear()).toBe(2);
    expect(validUntil.getUTCMonth()).toBe(issuedAt.getUTCMonth());
  });

  it('revokes through the status list: the credential then verifies as revoked', async () => {
    await f.addPerson('rene', 'rene@example.org');
    for (const skill of ['allumer-son-appareil', 'utiliser-l-ecran-tactile'])
      await validate('rene', skill);
    const { issued } = await validate('rene', 'se-connecter-au-wifi');
    const award = issued[0];
    if (award === undefined) throw new Error('no award');
    expect((await f.verify(award.credential, { email: 'rene@example.org' })).verdict).toBe('valid');

    await expect(
      revokeBadge(f.deps, { awardId: award.awardId, reason: '  ', actorId: 'admin-1' }),
    ).rejects.toBeInstanceOf(ReasonRequired);
    await expect(
      revokeBadge(f.deps, { awardId: 'no-such-award', reason: 'erreur', actorId: 'admin-1' }),
    ).rejects.toBeInstanceOf(UnknownAward);

    f.clock.tick();
    const revoked = await revokeBadge(f.deps, {
      awardId: award.awardId,
      reason: 'Validation saisie par erreur',
      actorId: 'admin-1',
    });
    expect(revoked.alreadyRevoked).toBe(false);
    expect(revoked.award.revokedAt).toBe(f.clock().toISOString());
    const report = await f.verify(award.credential, { email: 'rene@example.org' });
    expect(report.verdict).toBe('revoked');

    const twice = await revokeBadge(f.deps, {
      awardId: award.awardId,
      reason: 'encore',
      actorId: 'admin-1',
    });
    expect(twice.alreadyRevoked).toBe(true);
    expect(twice.award.revocationReason).toBe('Validation saisie par erreur');
    // Other credentials on the same list are untouched.
    const camille = await f.db('badge_awards').where({ learnerId: 'camille' }).first();
    expect(
      (await f.verify(JSON.parse(camille.credential), { email: 'camille.martin@example.org' }))
        .verdict,
    ).toBe('valid');
  });
});
