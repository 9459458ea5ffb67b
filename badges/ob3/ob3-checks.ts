/**
 * The readable form of the proof and key findings, and the checks every OB 3.0 pipeline emits
 * the same way. Plain words in `fr`/`en`; technical detail goes to `detail`.
 */
import { type Check, type CheckId, check, type Message } from '../verify/report.ts';
import type { Assessment, KeyReason, ProofReason } from './assessment.ts';

const PROOF_MESSAGES: Record<ProofReason, Message> = {
  ok: {
    fr: "La signature est intacte : le badge n'a pas été modifié depuis sa délivrance.",
    en: 'The signature is intact: the badge has not been changed since it was issued.',
  },
  'no-proof': { fr: "Ce badge n'est pas signé.", en: 'This badge is not signed.' },
  unsupported: {
    fr: 'Ce badge utilise un type de signature que nous ne savons pas encore vérifier.',
    en: 'This badge uses a kind of signature we cannot check yet.',
  },
  'unknown-proof': {
    fr: "La signature de ce badge est d'un type inconnu : elle ne prouve rien.",
    en: "This badge's signature is of an unknown kind: it proves nothing.",
  },
  unreachable: {
    fr: "Nous n'avons pas pu obtenir la clé de l'émetteur pour contrôler la signature : réessayez plus tard.",
    en: "We could not get the issuer's key to check the signature: try again later.",
  },
  'key-outside-issuer': {
    fr: "La signature n'a pas été faite avec une clé de l'émetteur.",
    en: "The signature was not made with one of the issuer's keys.",
  },
  'key-not-published': {
    fr: "La signature a été faite avec une clé que l'émetteur ne publie pas.",
    en: 'The signature was made with a key the issuer does not publish.',
  },
  'bad-signature': {
    fr: "La signature ne correspond pas : le badge a été modifié ou n'a pas été signé par cet émetteur.",
    en: 'The signature does not match: the badge was changed or was not signed by this issuer.',
  },
  'bad-header': {
    fr: "La signature se présente sous une forme que la norme n'autorise pas.",
    en: 'The signature comes in a form the standard does not allow.',
  },
  'claims-mismatch': {
    fr: 'Les informations signées ne correspondent pas à celles du badge.',
    en: "The signed details do not match the badge's own.",
  },
};

const KEY_MESSAGES: Record<KeyReason, Message> = {
  ok: {
    fr: "La clé qui a signé appartient à l'émetteur et était en service au moment de la signature.",
    en: 'The signing key belongs to the issuer and was in service when it signed.',
  },
  'no-proof': { fr: "Aucune clé n'a signé ce badge.", en: 'No key signed this badge.' },
  'no-key': {
    fr: "Le badge n'indique pas quelle clé l'a signé.",
    en: 'The badge does not say which key signed it.',
  },
  'outside-issuer': {
    fr: "La clé qui a signé n'appartient pas à l'émetteur indiqué dans le badge.",
    en: 'The signing key does not belong to the issuer named in the badge.',
  },
  'not-published': {
    fr: "L'émetteur ne publie pas la clé qui a signé ce badge.",
    en: 'The issuer does not publish the key that signed this badge.',
  },
  'not-authorised': {
    fr: "L'émetteur n'autorise pas cette clé à signer des badges.",
    en: 'The issuer does not allow this key to sign badges.',
  },
  retired: {
    fr: "La clé qui a signé avait déjà été retirée par l'émetteur au moment de la signature.",
    en: 'The signing key had already been retired by the issuer when it signed.',
  },
  'self-asserted': {
    fr: "La clé est fournie par le badge lui-même : rien ne la rattache à l'émetteur.",
    en: 'The key comes with the badge itself: nothing ties it to the issuer.',
  },
  unreachable: {
    fr: "Nous n'avons pas pu obtenir les clés publiées par l'émetteur : réessayez plus tard.",
    en: 'We could not get the keys the issuer publishes: try again later.',
  },
  unsupported: {
    fr: 'Nous ne savons pas encore retrouver ce type de clé.',
    en: 'We cannot look up this kind of key yet.',
  },
};

/** The `proof` check from its assessment. */
export function proofCheck(assessment: Assessment<ProofReason>): Check {
  return check('proof', assessment.status, PROOF_MESSAGES[assessment.reason], {
    detail: assessment.detail,
  });
}

/** The `issuer-key` check from its assessment. */
export function issuerKeyCheck(assessment: Assessment<KeyReason>): Check {
  return check('issuer-key', assessment.status, KEY_MESSAGES[assessment.reason], {
    detail: assessment.detail,
  });
}

/** `parsed`, passed or failed. */
export function parsedCheck(ok: boolean, detail?: string): Check {
  return ok
    ? check('parsed', 'passed', { fr: 'Le badge a pu être lu.', en: 'The badge could be read.' })
    : check(
        'parsed',
        'failed',
        {
          fr: "Nous n'avons pas trouvé de badge lisible dans ce qui a été fourni.",
          en: 'We found no readable badge in what was given.',
        },
        detail === undefined ? {} : { detail },
      );
}

/** `structure`, from the list of shape problems (undefined when none). */
export function structureCheck(problems: string[] | undefined): Check {
  if (!problems) {
    return check('structure', 'passed', {
      fr: 'Le badge a la forme exigée par la norme Open Badges 3.0.',
      en: 'The badge has the form the Open Badges 3.0 standard requires.',
    });
  }
  return check(
    'structure',
    'failed',
    {
      fr: "Le badge n'a pas la forme exigée par la norme Open Badges 3.0 : des informations manquent ou sont mal écrites.",
      en: 'The badge does not have the form the Open Badges 3.0 standard requires: information is missing or badly written.',
    },
    { detail: problems.join('; ') },
  );
}

/** A check that was not made because an earlier one made it meaningless. */
export function skippedCheck(id: CheckId, because: string): Check {
  return check(
    id,
    'could-not-check',
    {
      fr: "Ce point n'a pas été vérifié, car le badge n'a pas passé une vérification précédente.",
      en: 'This point was not checked because the badge failed an earlier check.',
    },
    { detail: `skipped: ${because}` },
  );
}
