/**
 * Errors of the workshop use cases, each with a stable `code` and a French and English message
 * for the trainer or learner. Nothing is written when one is thrown.
 */
import { LocalisedError } from '../../auth/errors.ts';

/** No workshop session has this id. */
export class UnknownWorkshopSession extends LocalisedError {
  readonly sessionId: string;

  /** @param sessionId the id looked up. */
  constructor(sessionId: string) {
    super('unknown-workshop-session', {
      fr: "Cette séance n'existe pas.",
      en: 'This workshop session does not exist.',
    });
    this.sessionId = sessionId;
  }
}

/** The check-in code names no session (mistyped, or an old card). */
export class InvalidCheckInCode extends LocalisedError {
  constructor() {
    super('invalid-check-in-code', {
      fr: "Ce code ne correspond à aucune séance. Scannez à nouveau le QR code affiché par l'animateur.",
      en: 'This code matches no session. Scan the QR code the trainer shows again.',
    });
  }
}

/** People who are not learners of the session's group. */
export class NotInGroup extends LocalisedError {
  readonly personIds: readonly string[];

  /** @param personIds who is not a learner of the group. */
  constructor(personIds: readonly string[]) {
    super('not-in-group', {
      fr: "Cette personne n'est pas inscrite comme apprenante dans le groupe de la séance.",
      en: "This person is not a learner of the session's group.",
    });
    this.personIds = personIds;
  }
}

/** A session whose title, times or skills are not valid. */
export class InvalidWorkshopSession extends LocalisedError {
  /** @param messages what is wrong, in both languages. */
  constructor(messages: { fr: string; en: string }) {
    super('invalid-workshop-session', messages);
  }
}
