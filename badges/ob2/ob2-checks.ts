/**
 * Checks both OB 2.0 pipelines (hosted and signed) share: loading the BadgeClass and issuer
 * Profile, their structure, the links between them, the recipient, and the summary people see.
 */
import { type IdentifierKind, identityMatches } from '../recipient/identity-hash.ts';
import { recipientNotAsked, type VerifyContext } from '../verify/pipeline.ts';
import { printable } from '../verify/printable.ts';
import {
  type Check,
  type CheckId,
  type CredentialSummary,
  check,
  type Message,
} from '../verify/report.ts';
import { authorityOf } from './iri.ts';
import { isObject, type LinkedNode, linkedId, resolveLink } from './ob2-fetch.ts';
import {
  assertionProblems,
  badgeClassProblems,
  type JsonObject,
  listOf,
  profileProblems,
} from './ob2-schemas.ts';

/** The BadgeClass and issuer Profile an assertion links to. */
export interface Ob2Graph {
  badge: LinkedNode;
  /** Absent when the BadgeClass itself could not be had. */
  profile?: LinkedNode;
}

/**
 * Loads the assertion's BadgeClass (`badge`) and its issuer Profile (`issuer`).
 *
 * @param ctx the verification context.
 * @param assertion the Assertion.
 * @returns both links, resolved or not.
 */
export async function loadGraph(ctx: VerifyContext, assertion: JsonObject): Promise<Ob2Graph> {
  const badge = await resolveLink(ctx, assertion.badge, 'BadgeClass');
  if (badge.kind !== 'ok') return { badge };
  return { badge, profile: await resolveLink(ctx, badge.doc.issuer, 'issuer Profile') };
}

/** The graph's documents that could be had. */
export function graphDocs(graph: Ob2Graph): { badge?: JsonObject; profile?: JsonObject } {
  return {
    ...(graph.badge.kind === 'ok' ? { badge: graph.badge.doc } : {}),
    ...(graph.profile?.kind === 'ok' ? { profile: graph.profile.doc } : {}),
  };
}

/**
 * `structure`: the Assertion, BadgeClass and Profile have what OB 2.0 requires.
 *
 * @param assertion the Assertion.
 * @param kind the verification the pipeline expects.
 * @param graph its BadgeClass and Profile.
 */
export function structureCheck(
  assertion: JsonObject,
  kind: 'hosted' | 'signed',
  graph: Ob2Graph,
): Check {
  const problems = assertionProblems(assertion, kind);
  const unreachable: string[] = [];
  for (const [node, validate] of [
    [graph.badge, badgeClassProblems],
    [graph.profile, profileProblems],
  ] as const) {
    if (!node) continue;
    if (node.kind === 'ok') problems.push(...validate(node.doc, node.standalone));
    else if (node.kind === 'failed') problems.push(node.detail);
    else unreachable.push(node.detail);
  }
  if (problems.length > 0) {
    return check(
      'structure',
      'failed',
      {
        fr: 'Le badge est mal formé : des informations obligatoires manquent ou sont incorrectes.',
        en: 'The badge is malformed: required information is missing or wrong.',
      },
      { detail: problems.join('; ') },
    );
  }
  if (unreachable.length > 0) {
    return check(
      'structure',
      'could-not-check',
      {
        fr: "La description du badge ou la fiche de l'émetteur n'a pas pu être lue sur le site de l'émetteur. Réessayez plus tard.",
        en: "The badge's description or the issuer's profile could not be read on the issuer's site. Try again later.",
      },
      { detail: unreachable.join('; ') },
    );
  }
  return check('structure', 'passed', {
    fr: "Le badge, sa description et la fiche de l'émetteur contiennent toutes les informations obligatoires.",
    en: "The badge, its description and the issuer's profile contain all the required information.",
  });
}

/**
 * Whether the Assertion, BadgeClass and Profile point to one another: the Assertion's `badge`
 * is the BadgeClass's id and the BadgeClass's `issuer` is the Profile's id. A document fetched
 * from one URL that declares another id breaks the chain (it is not where it claims to be).
 *
 * @returns the problems, empty when the chain holds.
 */
export function linkProblems(
  assertion: JsonObject,
  badge: JsonObject,
  profile: JsonObject,
): string[] {
  const problems: string[] = [];
  const badgeRef = linkedId(assertion.badge);
  if (badgeRef === undefined || badge.id !== badgeRef) {
    problems.push(
      `the assertion names badge ${String(badgeRef)} but the BadgeClass found declares id ${printable(badge.id)}`,
    );
  }
  const issuerRef = linkedId(badge.issuer);
  if (issuerRef === undefined || profile.id !== issuerRef) {
    problems.push(
      `the BadgeClass names issuer ${String(issuerRef)} but the Profile found declares id ${printable(profile.id)}`,
    );
  }
  return problems;
}

/**
 * Whether a hosted assertion id is within its issuer's verification policy: same host as the
 * Profile id by default, or the Profile's `verification.allowedOrigins` and `startsWith`
 * (the reference validator's `hosted_id_in_verification_scope`).
 *
 * @returns the problem, or undefined when the id is in scope.
 */
export function hostedScopeProblem(assertionId: string, profile: JsonObject): string | undefined {
  const policy = isObject(profile.verification) ? profile.verification : {};
  const startsWith = listOf(policy.startsWith).filter((v): v is string => typeof v === 'string');
  if (startsWith.length > 0 && !startsWith.some((prefix) => assertionId.startsWith(prefix))) {
    return `${assertionId} does not start with any of the issuer's startsWith values`;
  }
  const declared = listOf(policy.allowedOrigins).filter((v): v is string => typeof v === 'string');
  const issuerAuthority = typeof profile.id === 'string' ? authorityOf(profile.id) : undefined;
  const allowed = declared.length > 0 ? declared.map((o) => o.toLowerCase()) : [issuerAuthority];
  const authority = authorityOf(assertionId);
  if (authority === undefined || !allowed.includes(authority)) {
    return `${assertionId} is served from ${String(authority)}, outside the issuer's allowed origins (${allowed.join(', ')})`;
  }
  return undefined;
}

/**
 * `recipient`: the identifier the verifier was given matches the assertion's IdentityObject.
 * Emails are trimmed and lower-cased first, as Grange does when issuing.
 *
 * @param recipient the Assertion's `recipient`.
 * @param ctx the context, holding the identifier to compare (if any).
 */
export function recipientCheck(recipient: unknown, ctx: VerifyContext): Check {
  const asked = ctx.recipient;
  if (!asked) return recipientNotAsked();
  const words = RECIPIENT_WORDS[asked.kind];
  const notIssued = (detail: string) =>
    check(
      'recipient',
      'failed',
      {
        fr: `Ce badge n'a pas été délivré à ${words.fr}.`,
        en: `This badge was not issued to ${words.en}.`,
      },
      { detail },
    );
  if (!isObject(recipient) || typeof recipient.identity !== 'string') {
    return notIssued('the assertion has no readable recipient');
  }
  if (recipient.type !== asked.kind) {
    return notIssued(
      `the badge was issued to a ${printable(recipient.type)}, not to a ${asked.kind}`,
    );
  }
  const salt = typeof recipient.salt === 'string' ? recipient.salt : undefined;
  const matches = identityMatches(
    asked.kind,
    asked.value,
    recipient.identity,
    recipient.hashed === true,
    salt,
  );
  if (!matches) return notIssued('the identity hash does not match');
  return check('recipient', 'passed', {
    fr: `Ce badge a bien été délivré à ${words.fr}.`,
    en: `This badge was issued to ${words.en}.`,
  });
}

const RECIPIENT_WORDS: Record<IdentifierKind, Message> = {
  email: { fr: "l'adresse mail indiquée", en: 'the email address given' },
  telephone: { fr: 'au numéro de téléphone indiqué', en: 'the phone number given' },
  url: { fr: "l'adresse web indiquée", en: 'the web address given' },
};

/** `not-revoked` failed, with the issuer's reason when it gave one. */
export function revokedCheck(reason: unknown, detail: string): Check {
  const text =
    typeof reason === 'string' && reason.trim() ? reason.trim().slice(0, 500) : undefined;
  return check(
    'not-revoked',
    'failed',
    text
      ? {
          fr: `L'émetteur a révoqué ce badge. Motif : ${text}`,
          en: `The issuer revoked this badge. Reason: ${text}`,
        }
      : { fr: "L'émetteur a révoqué ce badge.", en: 'The issuer revoked this badge.' },
    { detail },
  );
}

/**
 * The issuer id to compare with the verifier's known issuers: only once `issuer-key` has shown
 * the badge really comes from that Profile (an impostor may copy a known issuer's id).
 */
export function provenIssuerId(
  issuerKey: Check,
  profile: JsonObject | undefined,
): string | undefined {
  return issuerKey.status === 'passed' && typeof profile?.id === 'string' ? profile.id : undefined;
}

/** A check that could not be made because an earlier step gave nothing to work on. */
export function notReached(id: CheckId, because: Message, detail?: string): Check {
  return check(id, 'could-not-check', because, detail === undefined ? {} : { detail });
}

/** Why later checks were not made when the badge itself could not be read. */
export const NOTHING_TO_CHECK: Message = {
  fr: "Cette vérification n'a pas pu être faite : le badge n'a pas pu être lu.",
  en: 'This check could not be made: the badge could not be read.',
};

/**
 * The summary people see: name, description and image from the BadgeClass, issuer name, dates.
 *
 * @param base format and container.
 * @param assertion the Assertion, when one was read.
 * @param docs the BadgeClass and Profile that could be had.
 */
export function summarize(
  base: Pick<CredentialSummary, 'format' | 'container'>,
  assertion: JsonObject | undefined,
  docs: { badge?: JsonObject; profile?: JsonObject },
): CredentialSummary {
  const { badge, profile } = docs;
  const image = badge?.image;
  const imageUrl = typeof image === 'string' ? image : isObject(image) ? image.id : undefined;
  const fields: Partial<CredentialSummary> = {
    id: text(assertion?.id),
    name: text(badge?.name),
    description: text(badge?.description),
    achievementId: text(badge?.id) ?? linkedId(assertion?.badge),
    issuerId: text(profile?.id) ?? linkedId(badge?.issuer),
    issuerName: text(profile?.name),
    validFrom: text(assertion?.issuedOn),
    validUntil: text(assertion?.expires),
    image: text(imageUrl),
  };
  const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(defined) };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
