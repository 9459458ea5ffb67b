/**
 * Errors of the progress engine and of badge issuance: what a trainer, an administrator or an
 * adapter can get back from `recordProgress`, `revokeBadge`, `flagAward` and the issuer key
 * helpers. Each has a stable `code` (adapters switch on it) and `messages` in French and
 * English for the person who can fix the input, like every `LocalisedError`; `message` is the
 * English one. Nothing is written when one of these is thrown.
 */
import { LocalisedError, type LocalisedMessage } from '../auth/errors.ts';

/** Base class of the engine's refusals: bad input, never a bug. */
export class EngineError extends LocalisedError {}

/** The skill id is not in any loaded curriculum. */
export class UnknownProgressSkill extends EngineError {
  readonly skillId: string;

  /** @param skillId the global id asked for. */
  constructor(skillId: string) {
    super('unknown-skill', {
      fr: `Aucun parcours n'a la compétence « ${skillId} ». Vérifiez l'identifiant (il s'écrit « <parcours>/<compétence> »).`,
      en: `No curriculum has the skill "${skillId}". Check the id (it is written "<curriculum>/<skill>").`,
    });
    this.skillId = skillId;
  }
}

/** A level the skill does not have (or a level for a skill without levels). */
export class LevelOutOfRange extends EngineError {
  readonly skillId: string;
  readonly level: number;
  readonly levelCount: number;

  /**
   * @param skillId the skill.
   * @param level the level given.
   * @param levelCount how many levels the skill has (0: none).
   */
  constructor(skillId: string, level: number, levelCount: number) {
    super(
      'level-out-of-range',
      levelCount === 0
        ? {
            fr: `La compétence « ${skillId} » n'a pas de niveaux : validez-la sans niveau.`,
            en: `The skill "${skillId}" has no levels: validate it without a level.`,
          }
        : {
            fr: `Le niveau ${level} n'existe pas pour « ${skillId} » : choisissez un niveau entre 1 et ${levelCount}.`,
            en: `Level ${level} does not exist for "${skillId}": choose a level between 1 and ${levelCount}.`,
          },
    );
    this.skillId = skillId;
    this.level = level;
    this.levelCount = levelCount;
  }
}

/** The learner or the person recording the event does not exist. */
export class UnknownPerson extends EngineError {
  readonly personId: string;

  /** @param personId the id that was not found. */
  constructor(personId: string) {
    super('unknown-person', {
      fr: `Personne n'a l'identifiant « ${personId} » : vérifiez l'apprenant ou l'animateur choisi.`,
      en: `Nobody has the id "${personId}": check the learner or trainer chosen.`,
    });
    this.personId = personId;
  }
}

/** The event is incomplete or contradictory (no comment on a rejection, unknown type…). */
export class InvalidProgressEvent extends EngineError {
  /** @param messages what is missing or wrong, in both languages. */
  constructor(messages: LocalisedMessage) {
    super('invalid-progress-event', messages);
  }
}

/** No award has this id. */
export class UnknownAward extends EngineError {
  readonly awardId: string;

  /** @param awardId the id that was not found. */
  constructor(awardId: string) {
    super('unknown-award', {
      fr: `Aucun badge délivré n'a l'identifiant « ${awardId} ».`,
      en: `No issued badge has the id "${awardId}".`,
    });
    this.awardId = awardId;
  }
}

/** Revoking or flagging a badge needs a reason the learner and employers can read. */
export class ReasonRequired extends EngineError {
  constructor() {
    super('reason-required', {
      fr: 'Indiquez la raison : elle sera lisible par la personne et par ceux qui vérifient le badge.',
      en: 'Give the reason: the learner and whoever checks the badge will read it.',
    });
  }
}

/** No issuer key has this id. */
export class UnknownIssuerKey extends EngineError {
  readonly keyId: string;

  /** @param keyId the verification method id that was not found. */
  constructor(keyId: string) {
    super('unknown-issuer-key', {
      fr: `Aucune clé de signature n'a l'identifiant « ${keyId} ».`,
      en: `No signing key has the id "${keyId}".`,
    });
    this.keyId = keyId;
  }
}
