/**
 * Refusals of the administrator's use cases (issuer keys, jury decisions): each has a stable
 * `code` and a French and English message. Nothing is written when one is thrown.
 */
import { LocalisedError } from '../../auth/errors.ts';

/** Retiring this key would leave the issuer without an active key of its algorithm. */
export class LastActiveIssuerKey extends LocalisedError {
  readonly keyId: string;

  /**
   * @param keyId the key asked to retire.
   * @param algorithm its algorithm.
   */
  constructor(keyId: string, algorithm: string) {
    super('last-active-issuer-key', {
      fr: `La clé « ${keyId} » est la dernière clé ${algorithm} active : créez-en une nouvelle (rotation) avant de la retirer, sinon plus aucun badge ne pourrait être signé.`,
      en: `The key "${keyId}" is the last active ${algorithm} key: rotate in a new one before retiring it, or no badge could be signed any more.`,
    });
    this.keyId = keyId;
  }
}

/** A jury decision for a skill the curriculum does not have a jury validate. */
export class NotAJurySkill extends LocalisedError {
  readonly skillId: string;

  /** @param skillId the skill. */
  constructor(skillId: string) {
    super('not-a-jury-skill', {
      fr: `La compétence « ${skillId} » n'est pas validée par un jury : seul un animateur peut la valider.`,
      en: `The skill "${skillId}" is not validated by a jury: only a trainer can validate it.`,
    });
    this.skillId = skillId;
  }
}

/** A bulk revocation names more awards than one request may. */
export class TooManyAwards extends LocalisedError {
  readonly limit: number;

  /** @param limit how many awards one request may name. */
  constructor(limit: number) {
    super('too-many-awards', {
      fr: `Révoquez au plus ${limit} badges à la fois.`,
      en: `Revoke at most ${limit} badges at once.`,
    });
    this.limit = limit;
  }
}

/** A review decision on an award that has no flag waiting (never flagged, kept or revoked). */
export class AwardNotFlagged extends LocalisedError {
  readonly awardId: string;

  /** @param awardId the award. */
  constructor(awardId: string) {
    super('award-not-flagged', {
      fr: `Le badge « ${awardId} » n'attend aucune décision : il n'est pas signalé, ou quelqu'un a déjà tranché. Actualisez la liste.`,
      en: `The award "${awardId}" awaits no decision: it is not flagged, or someone already decided. Refresh the list.`,
    });
    this.awardId = awardId;
  }
}
