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

/** Why an evidence file was refused. */
export type EvidenceFileRefusal = 'empty' | 'too-large' | 'type-not-allowed';

/**
 * The evidence file is empty, too large, or its content is not a photo (JPEG, PNG, WebP,
 * HEIC/HEIF) or a PDF. The type is read from the bytes, so a renamed file is refused too.
 */
export class EvidenceFileRefused extends LocalisedError {
  readonly reason: EvidenceFileRefusal;
  readonly maxBytes: number;

  /**
   * @param reason what is wrong with the file.
   * @param maxBytes the largest file accepted.
   * @param sizeBytes the file's size (said back when it is too large).
   */
  constructor(reason: EvidenceFileRefusal, maxBytes: number, sizeBytes: number) {
    const allowed = {
      fr: `Envoyez une photo (JPEG, PNG, WebP ou HEIC) ou un document PDF de ${formatSize(maxBytes, 'fr')} au plus.`,
      en: `Send a photo (JPEG, PNG, WebP or HEIC) or a PDF document of at most ${formatSize(maxBytes, 'en')}.`,
    };
    const problem = {
      empty: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
      'too-large': {
        fr: `Le fichier est trop lourd (${formatSize(sizeBytes, 'fr')}).`,
        en: `The file is too large (${formatSize(sizeBytes, 'en')}).`,
      },
      'type-not-allowed': {
        fr: "Ce type de fichier n'est pas accepté (son contenu compte, pas son nom).",
        en: 'This type of file is not accepted (its content counts, not its name).',
      },
    }[reason];
    super('evidence-file-refused', {
      fr: `${problem.fr} ${allowed.fr}`,
      en: `${problem.en} ${allowed.en}`,
    });
    this.reason = reason;
    this.maxBytes = maxBytes;
  }
}

/** @returns a size for people: "850 ko" / "10 Mo" in French, "850 kB" / "10 MB" in English. */
function formatSize(bytes: number, lang: 'fr' | 'en'): string {
  const megabytes = bytes >= 1024 * 1024;
  const value = bytes / (megabytes ? 1024 * 1024 : 1024);
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(value);
  const unit = megabytes ? (lang === 'fr' ? 'Mo' : 'MB') : lang === 'fr' ? 'ko' : 'kB';
  return `${number} ${unit}`;
}
