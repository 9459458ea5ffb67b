/**
 * Refusals of the learner's self-service use cases (evidence, self-assessment, notifications):
 * each has a stable `code` and a French and English message for the learner. Nothing is written
 * when one is thrown.
 */
import { LocalisedError, type LocalisedMessage } from '../../auth/errors.ts';

/** The evidence is empty, too long, or its link is not an http(s) address. */
export class InvalidEvidence extends LocalisedError {
  /** @param messages what to fix, in both languages. */
  constructor(messages: LocalisedMessage) {
    super('invalid-evidence', messages);
  }
}

/** The curriculum says a trainer (or a jury) validates this skill, not the learner. */
export class SelfAssessmentForbidden extends LocalisedError {
  readonly skillId: string;

  /**
   * @param skillId the skill.
   * @param title its title, in both languages.
   */
  constructor(skillId: string, title: LocalisedMessage) {
    super('self-assessment-forbidden', {
      fr: `La compétence « ${title.fr} » ne s'auto-évalue pas : un animateur la valide avec vous.`,
      en: `The skill "${title.en}" cannot be self-assessed: a trainer validates it with you.`,
    });
    this.skillId = skillId;
  }
}

/** No notification of the viewer has this id (another person's is "not found" too). */
export class UnknownNotification extends LocalisedError {
  readonly notificationId: string;

  /** @param notificationId the id asked for. */
  constructor(notificationId: string) {
    super('unknown-notification', {
      fr: `Vous n'avez aucune notification « ${notificationId} ».`,
      en: `You have no notification "${notificationId}".`,
    });
    this.notificationId = notificationId;
  }
}
