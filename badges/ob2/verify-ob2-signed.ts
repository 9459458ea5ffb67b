/**
 * OB 2.0 signed verification (openbadges.md §2.6): a compact JWS whose payload is the Assertion.
 * The signing key (`verification.creator`) must be a CryptographicKey that the issuer Profile
 * lists in `publicKey` and whose `owner` is that Profile (a two-way link), and the signature must
 * be RS256 under it. Revocation is the issuer's RevocationList.
 */

import { retiredProblem } from '../ob3/assessment.ts';
import {
  checkDates,
  checkIssuerKnown,
  type PipelineResult,
  type VerifyContext,
} from '../verify/pipeline.ts';
import { printable } from '../verify/printable.ts';
import {
  CHECKS_AFTER_PARSED,
  type Check,
  type CredentialSummary,
  check,
  type Message,
} from '../verify/report.ts';
import {
  graphDocs,
  linkProblems,
  loadGraph,
  NOTHING_TO_CHECK,
  notReached,
  provenIssuerId,
  recipientCheck,
  revokedCheck,
  structureCheck,
  summarize,
} from './ob2-checks.ts';
import { isObject, type LinkedNode, linkedId, loadDocument, resolveLink } from './ob2-fetch.ts';
import {
  cryptographicKeyProblems,
  type JsonObject,
  listOf,
  revocationListProblems,
} from './ob2-schemas.ts';
import { type DecodedJws, decodeJws, verifyRs256 } from './signed-assertion.ts';

type Container = CredentialSummary['container'];

const LATER_IDS = CHECKS_AFTER_PARSED;

const KEY_UNREACHABLE: Message = {
  fr: "La clé de l'émetteur n'a pas pu être récupérée sur son site. Réessayez plus tard.",
  en: "The issuer's key could not be retrieved from its site. Try again later.",
};

const ISSUER_UNKNOWN: Message = {
  fr: "L'émetteur du badge n'a pas pu être identifié.",
  en: "The badge's issuer could not be identified.",
};

/**
 * Runs the signed pipeline (see verify-ob2.ts for the contract).
 *
 * @param jws the compact JWS.
 * @param ctx the verification context.
 * @param container how the badge arrived.
 */
export async function runSignedPipeline(
  jws: unknown,
  ctx: VerifyContext,
  container: Container,
): Promise<PipelineResult> {
  const base = { format: 'ob2-signed', container } as const;
  const decoded =
    typeof jws === 'string' ? decodeJws(jws) : { ok: false as const, detail: 'not text' };
  if (!decoded.ok) {
    const parsed = check(
      'parsed',
      'failed',
      {
        fr: "Le badge signé n'a pas pu être lu : le texte est incomplet ou abîmé.",
        en: 'The signed badge could not be read: the text is incomplete or damaged.',
      },
      { detail: decoded.detail },
    );
    return {
      checks: [parsed, ...LATER_IDS.map((id) => notReached(id, NOTHING_TO_CHECK))],
      summary: summarize(base, undefined, {}),
    };
  }
  const token = decoded.jws;
  const assertion = token.payload;
  const verification = isObject(assertion.verification) ? assertion.verification : assertion.verify;
  const creator =
    isObject(verification) && typeof verification.creator === 'string'
      ? verification.creator
      : undefined;
  const [graph, key] = await Promise.all([
    loadGraph(ctx, assertion),
    creator === undefined
      ? Promise.resolve(undefined)
      : resolveLink(ctx, creator, 'CryptographicKey'),
  ]);
  const docs = graphDocs(graph);
  const issuerKey = signedIssuerKey(assertion, creator, key, docs);
  const checks = [
    check('parsed', 'passed', {
      fr: 'Le badge signé a pu être lu.',
      en: 'The signed badge could be read.',
    }),
    structureCheck(assertion, 'signed', graph),
    proofCheck(token, key),
    issuerKey,
    checkIssuerKnown(provenIssuerId(issuerKey, docs.profile), ctx.knownIssuers),
    await revocationCheck(ctx, assertion, docs.profile),
    checkDates(assertion.issuedOn, assertion.expires, ctx.now),
    recipientCheck(assertion.recipient, ctx),
  ];
  return { checks, summary: summarize(base, assertion, docs) };
}

/** `proof`: an RS256 signature (the algorithm is pinned) under the key `creator` names. */
function proofCheck(token: DecodedJws, key: LinkedNode | undefined): Check {
  const broken = (detail: string) =>
    check(
      'proof',
      'failed',
      {
        fr: "La signature ne correspond pas : le badge a été modifié ou n'a pas été signé avec la clé qu'il indique.",
        en: 'The signature does not match: the badge was changed or was not signed with the key it names.',
      },
      { detail },
    );
  if (token.header.alg !== 'RS256') {
    return broken(
      `algorithm ${printable(token.header.alg)} is refused: OB 2.0 signed badges use RS256`,
    );
  }
  if (!key) {
    return notReached('proof', {
      fr: "Le badge n'indique pas quelle clé l'a signé.",
      en: 'The badge does not say which key signed it.',
    });
  }
  if (key.kind === 'unreachable') return notReached('proof', KEY_UNREACHABLE, key.detail);
  if (key.kind === 'failed') return broken(key.detail);
  const pem = key.doc.publicKeyPem;
  if (typeof pem !== 'string') return broken('the CryptographicKey has no publicKeyPem');
  const verified = verifyRs256(token, pem);
  if (!verified.ok) return broken(verified.detail);
  return check('proof', 'passed', {
    fr: "La signature est intacte : le badge n'a pas été modifié depuis sa signature.",
    en: 'The signature is intact: the badge has not been changed since it was signed.',
  });
}

/**
 * `issuer-key`: the key is published at its own id, listed in the issuer Profile's `publicKey`,
 * and owned by that Profile; and the Assertion → BadgeClass → Profile chain holds.
 */
function signedIssuerKey(
  assertion: JsonObject,
  creator: string | undefined,
  key: LinkedNode | undefined,
  docs: { badge?: JsonObject; profile?: JsonObject },
): Check {
  const { badge, profile } = docs;
  if (!badge || !profile) return notReached('issuer-key', ISSUER_UNKNOWN);
  if (creator === undefined || !key) {
    return notReached('issuer-key', {
      fr: "Le badge n'indique pas quelle clé l'a signé.",
      en: 'The badge does not say which key signed it.',
    });
  }
  // The Profile's side of the two-way link is judged even when the key cannot be fetched: a key
  // the issuer does not list is refused, wherever it is hosted.
  const problems = linkProblems(assertion, badge, profile);
  const listed = listOf(profile.publicKey).map(linkedId);
  if (!listed.includes(creator))
    problems.push(`the issuer Profile does not list ${creator} in publicKey`);
  if (key.kind === 'unreachable' && problems.length === 0) {
    return notReached('issuer-key', KEY_UNREACHABLE, key.detail);
  }
  let retired: string | undefined;
  if (key.kind === 'failed') {
    problems.push(key.detail);
  } else if (key.kind === 'ok') {
    problems.push(...cryptographicKeyProblems(key.doc));
    if (key.doc.id !== creator) {
      problems.push(`the key fetched from ${creator} declares id ${printable(key.doc.id)}`);
    }
    if (key.doc.owner !== profile.id) {
      problems.push(
        `the key's owner ${printable(key.doc.owner)} is not the issuer ${printable(profile.id)}`,
      );
    }
    // A retired key carries its retirement date as `expires` (see buildCryptographicKey); the
    // signing time an OB 2.0 assertion states is its `issuedOn`.
    retired = retiredProblem(key.doc.expires, [assertion.issuedOn]);
  }
  if (problems.length > 0) {
    return check(
      'issuer-key',
      'failed',
      {
        fr: "Rien ne prouve que ce badge a été signé par l'émetteur indiqué : la clé ou les liens vers l'émetteur ne correspondent pas.",
        en: 'Nothing proves this badge was signed by the issuer it names: the key or the links to the issuer do not match.',
      },
      { detail: problems.join('; ') },
    );
  }
  if (retired) return retiredKeyCheck(retired);
  return check('issuer-key', 'passed', {
    fr: "La clé qui a signé ce badge appartient bien à l'émetteur indiqué.",
    en: 'The key that signed this badge does belong to the issuer it names.',
  });
}

/** `issuer-key` failed: the key had been retired when the assertion says it was signed. */
function retiredKeyCheck(detail: string): Check {
  return check(
    'issuer-key',
    'failed',
    {
      fr: "La clé qui a signé avait déjà été retirée par l'émetteur au moment de la signature.",
      en: 'The signing key had already been retired by the issuer when it signed.',
    },
    { detail },
  );
}

/** `not-revoked`: the assertion id (or legacy uid) is not in the issuer's RevocationList. */
async function revocationCheck(
  ctx: VerifyContext,
  assertion: JsonObject,
  profile: JsonObject | undefined,
): Promise<Check> {
  if (assertion.revoked === true)
    return revokedCheck(assertion.revocationReason, 'the assertion declares revoked: true');
  if (!profile) return notReached('not-revoked', ISSUER_UNKNOWN);
  const listUrl = profile.revocationList;
  if (listUrl === undefined) {
    return check('not-revoked', 'passed', {
      fr: "L'émetteur ne tient pas de liste de badges révoqués : ce badge n'a pas été révoqué.",
      en: 'The issuer keeps no list of revoked badges: this badge has not been revoked.',
    });
  }
  const unchecked = (detail: string) =>
    notReached(
      'not-revoked',
      {
        fr: "La liste des badges révoqués de l'émetteur n'a pas pu être consultée. Réessayez plus tard.",
        en: "The issuer's list of revoked badges could not be read. Try again later.",
      },
      detail,
    );
  if (typeof listUrl !== 'string') return unchecked('the Profile revocationList is not a URL');
  const loaded = await loadDocument(ctx, listUrl);
  if (loaded.kind !== 'json')
    return unchecked('detail' in loaded ? loaded.detail : `${listUrl} is gone`);
  const problems = revocationListProblems(loaded.doc);
  if (problems.length > 0) return unchecked(problems.join('; '));
  for (const entry of listOf(loaded.doc.revokedAssertions)) {
    const matches =
      entry === assertion.id ||
      (isObject(entry) &&
        ((typeof entry.id === 'string' && entry.id === assertion.id) ||
          (typeof entry.uid === 'string' && entry.uid === assertion.uid)));
    if (matches) {
      const reason = isObject(entry) ? entry.revocationReason : undefined;
      return revokedCheck(reason, `${String(assertion.id)} is listed in ${listUrl}`);
    }
  }
  return check('not-revoked', 'passed', {
    fr: "L'émetteur n'a pas révoqué ce badge.",
    en: 'The issuer has not revoked this badge.',
  });
}
