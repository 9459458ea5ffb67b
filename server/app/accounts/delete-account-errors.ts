/**
 * Refusals of account deletion, each with a stable `code` and a French and English message for
 * the person at the form. Nothing is deleted when one is thrown. (The last administrator is
 * refused with `LastAdmin`, and a locked secret with `AccountLocked`, as elsewhere.)
 */
import { LocalisedError } from '../../auth/errors.ts';

/**
 * The password or PIN typed to confirm is not the person's: a signed-in session alone never
 * deletes an account (a stolen access token must not be enough).
 */
export class WrongSecret extends LocalisedError {
  constructor() {
    super('wrong-secret', {
      fr: "Ce n'est pas le bon mot de passe ou code secret. Rien n'a été supprimé : vérifiez-le et réessayez.",
      en: 'That is not the right password or PIN. Nothing was deleted: check it and try again.',
    });
  }
}

/** An administrator used the administrators' deletion on their own account. */
export class CannotDeleteOwnAccountHere extends LocalisedError {
  constructor() {
    super('cannot-delete-own-account-here', {
      fr: 'Pour supprimer votre propre compte, passez par « Réglages », puis « Supprimer mon compte ».',
      en: 'To delete your own account, go to "Settings", then "Delete my account".',
    });
  }
}
