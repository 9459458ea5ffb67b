/**
 * Issues one badge to one learner, inside the caller's transaction: the Open Badges 3.0
 * credential (signed with a Data Integrity proof), the hosted Open Badges 2.0 assertion, the
 * award row with its definition snapshot and evidence, a status list index and a notification.
 *
 * Exactly once: if the learner already holds the badge (another transaction got there first),
 * nothing is written and the outcome says so; the caller's transaction goes on.
 */
import { randomUUID } from 'node:crypto';
import type { Issuer } from '../../badges/issuer/issuer.ts';
import { signingKey } from '../../badges/keys/issuer-key.ts';
import { buildAssertion, type Ob2Assertion } from '../../badges/ob2/build-objects.ts';
import { isPublishableUrl } from '../../badges/ob2/iri.ts';
import {
  type BuildCredentialInput,
  buildOpenBadgeCredential,
  type EvidenceInput,
  type SignedOpenBadgeCredential,
} from '../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../badges/ob3/data-integrity.ts';
import { newSalt } from '../../badges/recipient/identity-hash.ts';
import {
  type RandomInt,
  serializeStatusList,
  statusEntry,
} from '../../badges/status/status-list.ts';
import type { Database } from '../db/connection.ts';
import {
  insertAwardEvidence,
  insertAwardUnlessStanding,
} from '../db/repositories/badge-awards-repository.ts';
import { addNotification } from '../db/repositories/notifications-repository.ts';
import type { LedgerEntry } from '../db/repositories/progress-ledger-repository.ts';
import { saveStatusList } from '../db/repositories/status-lists-repository.ts';
import { evaluateBadge } from '../domain/criteria/evaluate-criteria.ts';
import { UnknownBadge } from '../domain/errors.ts';
import { snapshotBadge } from '../domain/identity/content-hash.ts';
import type { SkillState } from '../domain/progress/skill-states.ts';
import { addMonths } from '../domain/time.ts';
import type { Catalog } from './check-curricula.ts';
import { awardEvidence } from './issuance/award-evidence.ts';
import { indexCatalog } from './issuance/catalog-index.ts';
import { currentIssuer } from './issuance/current-issuer.ts';
import { allocateStatusIndex } from './issuance/status-lists.ts';

/** What issuing needs besides the learner: who signs, where things are published, the clock. */
export interface IssuanceContext {
  /** Who issues; its keys are re-read in the issuing transaction (another process may rotate). */
  issuer: Issuer;
  /** The platform's public base URL, without a trailing slash. */
  publicUrl: string;
  catalog: Catalog;
  clock: () => Date;
  /** Randomness for status list indexes (default: node:crypto). */
  random?: RandomInt;
}

/** Who receives a badge: the credential names their email, else their learner page. */
export interface BadgeRecipient {
  id: string;
  /** Lower-cased; null for learners without email. */
  email: string | null;
}

export interface IssueBadgeRequest {
  learner: BadgeRecipient;
  badgeId: string;
  /** The learner's skill states, folded from `ledger`. */
  states: ReadonlyMap<string, SkillState>;
  /** Badges the learner holds (standing awards). */
  heldBadges: ReadonlySet<string>;
  /** The learner's ledger, for the evidence. */
  ledger: readonly LedgerEntry[];
  /**
   * An administrator's direct award (bulk award): the criteria are not checked and this
   * evidence replaces the validated skills; `states`, `heldBadges` and `ledger` are unused.
   */
  direct?: { evidence: readonly EvidenceInput[] };
}

export interface IssuedAward {
  awardId: string;
  learnerId: string;
  badgeId: string;
  issuedAt: string;
  validUntil?: string;
  statusIndex: number;
  credential: SignedOpenBadgeCredential;
  ob2Assertion?: Ob2Assertion;
  /** The ledger events that earned it. */
  eventIds: string[];
}

export type IssueBadgeOutcome =
  | { issued: true; award: IssuedAward }
  | { issued: false; reason: 'already-issued' | 'not-eligible' };

/**
 * @param publicUrl the platform's public base URL.
 * @param badgeId a global badge id.
 * @returns the public page of the badge definition (the achievement id and criteria page).
 */
export function badgeDefinitionUrl(publicUrl: string, badgeId: string): string {
  return `${publicUrl}/badges/definitions/${badgeId}`;
}

/**
 * Issues a badge the learner is eligible for, unless they already hold it.
 *
 * @param trx the caller's transaction (everything is written in it, or nothing).
 * @param context issuer, public URL, catalog and clock.
 * @param request the learner, the badge and the states that make them eligible.
 * @returns the award, or why none was issued.
 * @throws UnknownBadge when the catalog has no such badge.
 */
export async function issueBadge(
  trx: Database,
  context: IssuanceContext,
  request: IssueBadgeRequest,
): Promise<IssueBadgeOutcome> {
  const index = indexCatalog(context.catalog);
  const indexed = index.badge(request.badgeId);
  if (indexed === undefined) throw new UnknownBadge(request.badgeId);
  const report =
    request.direct === undefined
      ? evaluateBadge(request.badgeId, index.badges, request.states, {
          heldBadges: request.heldBadges,
        })
      : undefined;
  if (report?.eligible === false) return { issued: false, reason: 'not-eligible' };

  const { badge, curriculum, definition } = indexed;
  const publicUrl = context.publicUrl.replace(/\/+$/, '');
  const now = context.clock();
  const issuedAt = now.toISOString();
  const validUntil =
    definition.validityMonths === undefined
      ? undefined
      : new Date(addMonths(now.getTime(), definition.validityMonths)).toISOString();
  const snapshot = snapshotBadge(definition, index.skillNodes);
  const curriculumHash = index.curriculumHash(curriculum.id);
  if (curriculumHash === undefined)
    throw new Error(`the catalog has no version of ${curriculum.id}`);

  // The current list, or the next one when it is full.
  const { list, index: statusIndex } = await allocateStatusIndex(
    trx,
    publicUrl,
    issuedAt,
    context.random,
  );
  const listId = list.id;
  // The keys as stored now, locked until the award is stored: never one retired meanwhile.
  const issuer = await currentIssuer(trx, context.issuer.profile, { forSigning: true });

  const awardId = randomUUID();
  const salt = newSalt();
  const recipient =
    request.learner.email === null
      ? {
          kind: 'url' as const,
          value: `${publicUrl}/learners/${encodeURIComponent(request.learner.id)}`,
        }
      : { kind: 'email' as const, value: request.learner.email };
  const { evidence, eventIds } =
    report === undefined
      ? { evidence: [...(request.direct?.evidence ?? [])], eventIds: [] }
      : awardEvidence(report, request.states, request.ledger, index);
  const definitionUrl = badgeDefinitionUrl(publicUrl, request.badgeId);
  const input: BuildCredentialInput = {
    id: `urn:uuid:${randomUUID()}`,
    issuer: issuer.profile,
    name: badge.title.fr,
    description: badge.description.fr,
    achievement: {
      id: definitionUrl,
      name: badge.title.fr,
      description: badge.description.fr,
      criteriaNarrative: badge.criteriaNarrative.fr,
      criteriaUrl: definitionUrl,
      image: `${definitionUrl}.png`,
      alignments: badge.alignments.map((alignment) => ({
        targetName: alignment.name,
        targetUrl: alignment.url,
        targetFramework: alignment.framework,
        ...(alignment.code === undefined ? {} : { targetCode: alignment.code }),
      })),
      inLanguage: 'fr',
      version: snapshot.hash,
    },
    recipient: { ...recipient, salt },
    evidence,
    validFrom: issuedAt,
    awardedDate: issuedAt,
    credentialStatus: statusEntry(list, statusIndex),
    ...(validUntil === undefined ? {} : { validUntil }),
  };
  const credential = await signCredentialDataIntegrity(
    buildOpenBadgeCredential(input),
    signingKey(issuer.keys, 'Ed25519', issuedAt),
    { now },
  );
  // OB 2.0 ids must be https (or loopback http): a site served on a private address gets only
  // the OB 3.0 credential rather than an assertion other platforms would reject.
  const ob2Assertion = isPublishableUrl(publicUrl)
    ? buildAssertion({
        id: `${publicUrl}/ob2/assertions/${awardId}`,
        badgeClassId: `${publicUrl}/ob2/badges/${request.badgeId}`,
        recipient: { ...recipient, salt },
        issuedOn: issuedAt,
        ...(validUntil === undefined ? {} : { expires: validUntil }),
        evidence: evidence.map((item) => ({
          ...(item.name === undefined ? {} : { name: item.name }),
          ...(item.narrative === undefined ? {} : { narrative: item.narrative }),
        })),
        verification: { type: 'HostedBadge' },
      })
    : undefined;

  const inserted = await insertAwardUnlessStanding(trx, {
    id: awardId,
    learnerId: request.learner.id,
    badgeId: request.badgeId,
    curriculumHash,
    snapshot,
    statusListId: listId,
    statusIndex,
    recipientSalt: salt,
    issuedAt,
    credential,
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(ob2Assertion === undefined ? {} : { ob2Assertion }),
  });
  // The index given out above is simply not saved: the list stays as it was.
  if (!inserted) return { issued: false, reason: 'already-issued' };

  await saveStatusList(trx, serializeStatusList(list), issuedAt);
  await insertAwardEvidence(trx, awardId, eventIds);
  await addNotification(trx, {
    id: randomUUID(),
    personId: request.learner.id,
    kind: 'badge-earned',
    payload: { awardId, badgeId: request.badgeId, name: badge.title.fr },
    createdAt: issuedAt,
  });
  return {
    issued: true,
    award: {
      awardId,
      learnerId: request.learner.id,
      badgeId: request.badgeId,
      issuedAt,
      statusIndex,
      credential,
      eventIds,
      ...(validUntil === undefined ? {} : { validUntil }),
      ...(ob2Assertion === undefined ? {} : { ob2Assertion }),
    },
  };
}
