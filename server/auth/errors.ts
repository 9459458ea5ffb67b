/**
 * Errors of sign-in and authorisation. Each has a stable `code` (adapters switch on it to pick
 * an HTTP status or a GraphQL error type) and a French and English message written for the
 * person signing in, never for a developer. Credential failures all share one message, so an
 * answer never tells whether an email address or a learner code exists.
 */
import { DomainError } from '../domain/errors.ts';

/** A user-facing message in both languages of the platform. */
export interface LocalisedMessage {
  fr: string;
  en: string;
}

/** Base class of errors whose message can be shown as is, in French or English. */
export class LocalisedError extends DomainError {
  readonly messages: LocalisedMessage;

  /**
   * @param code stable kebab-case identifier.
   * @param messages the sentence for users, in French and English (`message` is the English).
   */
  constructor(code: string, messages: LocalisedMessage) {
    super(code, messages.en);
    this.messages = messages;
  }
}

/** Wrong email, password, learner code or PIN: deliberately the same answer for each. */
export class InvalidCredentials extends LocalisedError {
  constructor() {
    super('invalid-credentials', {
      fr: 'Ces identifiants ne sont pas reconnus. Vérifiez-les et réessayez.',
      en: 'These sign-in details are not recognised. Check them and try again.',
    });
  }
}

/** Too many failed attempts: sign-in is refused until `lockedUntil`. */
export class AccountLocked extends LocalisedError {
  readonly lockedUntil: Date;

  /**
   * @param lockedUntil when sign-in is allowed again.
   * @param now the current time, to say how long is left.
   */
  constructor(lockedUntil: Date, now: Date) {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
    super('account-locked', {
      fr: `Trop d'essais infructueux : par sécurité, la connexion est bloquée pendant encore ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      en: `Too many failed attempts: for your safety, sign-in is blocked for ${minutes} more minute${minutes > 1 ? 's' : ''}.`,
    });
    this.lockedUntil = lockedUntil;
  }
}

/** An access token that is missing, malformed, forged, expired or of the wrong kind. */
export class InvalidAccessToken extends LocalisedError {
  constructor() {
    super('invalid-access-token', {
      fr: 'Votre session a expiré. Reconnectez-vous.',
      en: 'Your session has expired. Please sign in again.',
    });
  }
}

/** A refresh token that is unknown, expired, revoked or already used. */
export class InvalidRefreshToken extends LocalisedError {
  constructor() {
    super('invalid-refresh-token', {
      fr: 'Votre session a expiré. Reconnectez-vous.',
      en: 'Your session has expired. Please sign in again.',
    });
  }
}

/** The viewer is signed in but may not do this. */
export class Forbidden extends LocalisedError {
  constructor() {
    super('forbidden', {
      fr: "Vous n'avez pas le droit de faire cela.",
      en: 'You are not allowed to do this.',
    });
  }
}

/**
 * The secret was right but an administrator has disabled the account. Said only after a
 * correct secret, so it tells nothing to someone guessing.
 */
export class AccountDisabled extends LocalisedError {
  constructor() {
    super('account-disabled', {
      fr: "Ce compte a été désactivé. Adressez-vous à l'accueil de Grange Numérique pour le réactiver.",
      en: 'This account has been disabled. Ask the Grange Numérique front desk to enable it again.',
    });
  }
}
