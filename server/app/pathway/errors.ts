/**
 * The expected failures of the pathway use cases, each with a stable `code` and a message in
 * French and English for the person using the form. Nothing is written when one is thrown.
 */
import { LocalisedError } from '../../auth/errors.ts';

/** No job profile of the catalog has this id. */
export class UnknownJobProfile extends LocalisedError {
  constructor(readonly jobId: string) {
    super('unknown-job-profile', {
      fr: `Le métier « ${jobId} » n'existe pas dans le catalogue : choisissez-en un de la liste des métiers.`,
      en: `There is no job "${jobId}" in the catalog: pick one from the list of jobs.`,
    });
  }
}

/** Too many target jobs, or the same one twice. */
export class InvalidTargetJobs extends LocalisedError {
  constructor(readonly reason: 'too-many' | 'duplicate') {
    super('invalid-target-jobs', {
      fr:
        reason === 'too-many'
          ? `Choisissez au plus ${MAX_TARGET_JOBS} métiers visés.`
          : 'Chaque métier visé ne peut apparaître qu’une fois.',
      en:
        reason === 'too-many'
          ? `Choose at most ${MAX_TARGET_JOBS} target jobs.`
          : 'Each target job may appear only once.',
    });
  }
}

/** At most this many target jobs: a plan, not a wish list. */
export const MAX_TARGET_JOBS = 5;

/** The milestone id is not one of the fixed list. */
export class UnknownMilestone extends LocalisedError {
  constructor(readonly milestoneId: string) {
    super('unknown-milestone', {
      fr: `L'étape « ${milestoneId} » n'existe pas : choisissez une étape de la liste.`,
      en: `There is no milestone "${milestoneId}": pick one from the list.`,
    });
  }
}

/** A milestone date that is not a calendar day, or is in the future. */
export class InvalidMilestoneDate extends LocalisedError {
  constructor(readonly value: string) {
    super('invalid-milestone-date', {
      fr: `La date « ${value} » n'est pas valable : écrivez un jour passé ou aujourd'hui, au format AAAA-MM-JJ.`,
      en: `The date "${value}" is not valid: give today or a past day, as YYYY-MM-DD.`,
    });
  }
}

/** A counsellor note that is empty or too long. */
export class InvalidNote extends LocalisedError {
  constructor() {
    super('invalid-note', {
      fr: `La note est vide ou trop longue (${MAX_NOTE_LENGTH} caractères au plus).`,
      en: `The note is empty or too long (at most ${MAX_NOTE_LENGTH} characters).`,
    });
  }
}

export const MAX_NOTE_LENGTH = 4000;

/** The person named is not a counsellor (or not a learner) as the follow needs. */
export class NotACounsellor extends LocalisedError {
  constructor(readonly personId: string) {
    super('not-a-counsellor', {
      fr: "Cette personne n'est pas conseillère ou conseiller : donnez-lui d'abord ce rôle.",
      en: 'This person is not a counsellor: grant them the role first.',
    });
  }
}

/** No share link of the viewer has this id. */
export class UnknownShareLink extends LocalisedError {
  constructor(readonly shareLinkId: string) {
    super('unknown-share-link', {
      fr: "Ce lien de partage n'existe pas ou n'est pas le vôtre.",
      en: 'This share link does not exist or is not yours.',
    });
  }
}

/** A share link with nothing to show, an award that is not the learner's, or a bad expiry. */
export class InvalidShareRequest extends LocalisedError {
  constructor(
    readonly reason: 'nothing-shared' | 'unknown-award' | 'expiry-out-of-range',
    messages: { fr: string; en: string },
  ) {
    super('invalid-share-request', messages);
  }

  static nothingShared(): InvalidShareRequest {
    return new InvalidShareRequest('nothing-shared', {
      fr: 'Choisissez au moins une chose à partager : métiers visés, étapes ou badges.',
      en: 'Choose at least one thing to share: target jobs, milestones or badges.',
    });
  }

  static unknownAward(): InvalidShareRequest {
    return new InvalidShareRequest('unknown-award', {
      fr: "Un des badges choisis n'est pas l'un des vôtres, ou a été révoqué.",
      en: 'One of the badges chosen is not one of yours, or was revoked.',
    });
  }

  static expiryOutOfRange(): InvalidShareRequest {
    return new InvalidShareRequest('expiry-out-of-range', {
      fr: 'La durée du lien doit être comprise entre 1 et 365 jours.',
      en: 'The link must last between 1 and 365 days.',
    });
  }
}

/** A minor without a guardian's consent to public sharing. */
export class PublicShareNeedsConsent extends LocalisedError {
  constructor() {
    super('public-share-needs-consent', {
      fr: "Pour un ou une mineure, un lien public demande l'accord écrit d'un parent ou représentant légal : parlez-en à l'équipe de la Grange.",
      en: "For a minor, a public link needs a parent's or guardian's written consent: talk to the Grange's team.",
    });
  }
}
