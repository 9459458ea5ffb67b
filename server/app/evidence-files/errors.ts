/** Refusals when evidence or its file is asked for; each has a stable code and both languages. */
import { LocalisedError } from '../../auth/errors.ts';

/** No evidence (or no evidence file) has this id. */
export class UnknownEvidence extends LocalisedError {
  readonly evidenceId: string;

  /** @param evidenceId the id asked for. */
  constructor(evidenceId: string) {
    super('unknown-evidence', {
      fr: `Aucune preuve « ${evidenceId} » n'existe (ou elle n'a pas de fichier).`,
      en: `No evidence "${evidenceId}" exists (or it has no file).`,
    });
    this.evidenceId = evidenceId;
  }
}

/** A link to an evidence file that has expired, or was altered or made up. */
export class EvidenceLinkRefused extends LocalisedError {
  readonly expired: boolean;

  /** @param expired whether the link is genuine but past its time. */
  constructor(expired: boolean) {
    super(
      'evidence-link-refused',
      expired
        ? {
            fr: 'Ce lien vers la preuve a expiré : rouvrez la preuve pour en obtenir un nouveau.',
            en: 'This link to the evidence has expired: open the evidence again to get a new one.',
          }
        : {
            fr: "Ce lien vers la preuve n'est pas valide : rouvrez la preuve depuis Grange.",
            en: 'This link to the evidence is not valid: open the evidence again from Grange.',
          },
    );
    this.expired = expired;
  }
}
