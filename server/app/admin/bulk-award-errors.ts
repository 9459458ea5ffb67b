/**
 * Refusals of a bulk award as a whole (a row's own problem is a per-row result instead). Each
 * has a stable `code` and a French and English message; nothing is written when one is thrown.
 */
import { LocalisedError } from '../../auth/errors.ts';

/** The badge to award is not in the catalog. */
export class UnknownBulkAwardBadge extends LocalisedError {
  readonly badgeId: string;

  /** @param badgeId the id asked for. */
  constructor(badgeId: string) {
    super('unknown-bulk-award-badge', {
      fr: `Aucun parcours n'a le badge « ${badgeId} » (il s'écrit « <parcours>/<badge> »).`,
      en: `No curriculum has the badge "${badgeId}" (it is written "<curriculum>/<badge>").`,
    });
    this.badgeId = badgeId;
  }
}

/** The file's header is not one a bulk award reads. */
export class BadBulkAwardHeader extends LocalisedError {
  /** @param found the header as read (empty when the file is empty). */
  constructor(found: string) {
    const shown = found === '' ? '(vide)' : found;
    super('bad-bulk-award-header', {
      fr: `La première ligne du fichier doit être l'en-tête « email » ou « learner_code », éventuellement suivi de « evidence_narrative » ; elle est : ${shown}.`,
      en: `The file's first line must be the header "email" or "learner_code", optionally followed by "evidence_narrative"; it is: ${found === '' ? '(empty)' : found}.`,
    });
  }
}

/** The file has more rows than one bulk award may. */
export class TooManyBulkAwardRows extends LocalisedError {
  readonly limit: number;

  /** @param limit the most rows one file may have. */
  constructor(limit: number) {
    super('too-many-bulk-award-rows', {
      fr: `Attribuez un badge à au plus ${limit} personnes par fichier.`,
      en: `Award a badge to at most ${limit} people per file.`,
    });
    this.limit = limit;
  }
}
