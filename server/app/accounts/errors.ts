/**
 * Errors of the account use cases, each with a stable `code` and a French and English message
 * for the person using the form. Sign-in errors (wrong credentials, locks, tokens, forbidden)
 * live in `server/auth/errors.ts`.
 */
import type { z } from 'zod';
import { LocalisedError } from '../../auth/errors.ts';

/** One problem with a field of the input. */
export interface InputIssue {
  /** Dotted path of the field, e.g. `guardian.name`. */
  path: string;
  /** What is wrong, in English (for developers and logs). */
  message: string;
}

/** The input does not have the expected shape; nothing was written. */
export class InvalidInput extends LocalisedError {
  readonly issues: readonly InputIssue[];

  /** @param issues every problem found. */
  constructor(issues: readonly InputIssue[]) {
    super('invalid-input', {
      fr: 'Certaines informations manquent ou ne sont pas valides : vérifiez le formulaire.',
      en: 'Some information is missing or not valid: check the form.',
    });
    this.issues = issues;
  }

  /** @returns the error for a failed zod parse. */
  static fromZod(error: z.ZodError): InvalidInput {
    return new InvalidInput(
      error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
}

/** A minor's account without a guardian's consent; nothing was written. */
export class GuardianConsentRequired extends LocalisedError {
  constructor() {
    super('guardian-consent-required', {
      fr: "Le compte d'un ou d'une mineure demande l'accord d'un parent ou représentant légal : indiquez son nom et ce qu'il ou elle autorise.",
      en: "A minor's account needs the consent of a parent or guardian: give their name and what they agree to.",
    });
  }
}

/** Removing the admin role from the last admin would leave no one able to manage accounts. */
export class LastAdmin extends LocalisedError {
  constructor() {
    super('last-admin', {
      fr: "Vous êtes le dernier administrateur : nommez d'abord quelqu'un d'autre administrateur.",
      en: 'You are the last administrator: make someone else an administrator first.',
    });
  }
}

/** The email address already belongs to an account. */
export class EmailAlreadyUsed extends LocalisedError {
  constructor() {
    super('email-already-used', {
      fr: 'Cette adresse e-mail est déjà celle d’un compte.',
      en: 'This email address already belongs to an account.',
    });
  }
}

/** No person has this id. */
export class UnknownPerson extends LocalisedError {
  readonly personId: string;

  /** @param personId the id that was looked up. */
  constructor(personId: string) {
    super('unknown-person', {
      fr: "Cette personne n'existe pas ou plus.",
      en: 'This person does not exist (any more).',
    });
    this.personId = personId;
  }
}

/** No active group has this id. */
export class UnknownGroup extends LocalisedError {
  readonly groupId: string;

  /** @param groupId the id that was looked up. */
  constructor(groupId: string) {
    super('unknown-group', {
      fr: "Ce groupe n'existe pas ou a été archivé.",
      en: 'This group does not exist or has been archived.',
    });
    this.groupId = groupId;
  }
}

/** The learner has no standing guardian consent whose terms could be changed. */
export class NoStandingGuardianConsent extends LocalisedError {
  readonly personId: string;

  /** @param personId the learner. */
  constructor(personId: string) {
    super('no-standing-guardian-consent', {
      fr: "Cette personne n'a pas d'accord parental en cours : enregistrez d'abord l'accord d'un parent ou représentant légal.",
      en: "This person has no standing guardian consent: record a parent's or guardian's consent first.",
    });
    this.personId = personId;
  }
}
