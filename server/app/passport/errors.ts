/**
 * Refusals of the learner's exports, with a stable `code` and French and English messages.
 */
import { LocalisedError } from '../../auth/errors.ts';

/** A CLR record bundles badges: with none, there is nothing to sign. */
export class NoBadgeToExport extends LocalisedError {
  constructor() {
    super('no-badge-to-export', {
      fr: "Vous n'avez pas encore de badge : le relevé CLR rassemble vos badges, il sera disponible dès le premier.",
      en: 'You have no badge yet: the CLR record bundles your badges; it will be available from the first one.',
    });
  }
}
