/**
 * What the platform publishes about its badges, read for the public routes: the issuer's DID
 * document and profiles, the signed status list, badge definitions (OB 2.0 BadgeClass, images)
 * and awards with their live verification. Nothing here writes.
 *
 * Privacy: an award whose learner keeps a private profile (minors by default) is never shown to
 * an anonymous requester; {@link findPublishedAward} answers "not found" for it, exactly as for
 * an award that does not exist, so its existence is not revealed either.
 */
import { OB3_CONTEXT, VC_V2_CONTEXT } from '../../badges/contexts/bundled-contexts.ts';
import { renderBadgePng } from '../../badges/images/badge-png.ts';
import {
  BADGE_ICON_NAMES,
  type BadgeIconName,
  renderBadgeSvg,
} from '../../badges/images/badge-svg.ts';
import {
  buildControllerDocument,
  type ControllerDocument,
  type Issuer,
} from '../../badges/issuer/issuer.ts';
import { publicPart } from '../../badges/keys/issuer-key.ts';
import {
  buildBadgeClass,
  buildIssuerProfile,
  type Ob2BadgeClass,
  type Ob2IssuerProfile,
} from '../../badges/ob2/build-objects.ts';
import type { Ob3Profile } from '../../badges/ob3/credential-types.ts';
import { restoreStatusList } from '../../badges/status/status-list.ts';
import {
  buildStatusListCredential,
  type SignedStatusListCredential,
} from '../../badges/status/status-list-credential.ts';
import type { VerificationReport } from '../../badges/verify/report.ts';
import { createFetcher, type Fetcher } from '../../badges/verify/safe-fetch.ts';
import { type VerifyOptions, verifyCredential } from '../../badges/verify/verify-credential.ts';
import type { Badge, Curriculum, Skill } from '../../curricula/schema.ts';
import type { Database } from '../db/connection.ts';
import { type AwardRecord, findAward } from '../db/repositories/badge-awards-repository.ts';
import { PeopleRepository } from '../db/repositories/people-repository.ts';
import { findStatusList } from '../db/repositories/status-lists-repository.ts';
import { type CriteriaRule, ruleLeaves } from '../domain/criteria/criteria-rule.ts';
import type { Catalog } from './check-curricula.ts';
import { indexCatalog } from './issuance/catalog-index.ts';
import { currentIssuer } from './issuance/current-issuer.ts';
import { statusListNumber, statusListUrl } from './issuance/status-lists.ts';
import { badgeDefinitionUrl } from './issue-badge.ts';

/** What the read use cases need. */
export interface PublishedDeps {
  db: Database;
  catalog: Catalog;
  /** Who issues; its keys are re-read from the database whenever they are published or sign. */
  issuer: Issuer;
  /** The platform's public base URL. */
  publicUrl: string;
  clock: () => Date;
  /** Extra options for verifyCredential (tests allow loopback). */
  verify?: VerifyOptions;
}

/** An award as the public may see it. */
export interface PublishedAward {
  award: AwardRecord;
  /**
   * The learner's display name (shown only because the profile is public); null when they
   * deleted their account and kept the badge: the page then names no one.
   */
  learnerName: string | null;
}

/** A skill a badge requires, with its authored text and the level asked for. */
export interface RequiredSkill {
  id: string;
  skill?: Skill;
  minLevel?: number;
}

/** A badge definition from the catalog, with what the public pages show of it. */
export interface PublishedBadge {
  id: string;
  curriculum: Curriculum;
  badge: Badge;
  skills: RequiredSkill[];
}

/** @returns the base URL without trailing slash. */
export function baseUrl(deps: Pick<PublishedDeps, 'publicUrl'>): string {
  return deps.publicUrl.replace(/\/+$/, '');
}

/**
 * @returns the issuer's DID document, every Ed25519 key listed (retired ones marked), as the
 *   database has them now: a key rotated or retired through another process shows at once.
 */
export async function issuerDidDocument(deps: PublishedDeps): Promise<ControllerDocument> {
  const { profile, keys } = await currentIssuer(deps.db, deps.issuer.profile);
  return buildControllerDocument(profile.id, keys.map(publicPart));
}

/** @returns the OB 3.0 issuer Profile, with its JSON-LD contexts. */
export function ob3IssuerProfile(deps: PublishedDeps): Ob3Profile & { '@context': string[] } {
  const { profile } = deps.issuer;
  return {
    '@context': [VC_V2_CONTEXT, OB3_CONTEXT],
    id: profile.id,
    type: ['Profile'],
    name: profile.name,
    url: profile.url,
    ...(profile.email === undefined ? {} : { email: profile.email }),
    ...(profile.description === undefined ? {} : { description: profile.description }),
    ...(profile.image === undefined
      ? {}
      : { image: { id: profile.image, type: 'Image' as const } }),
  };
}

/** @returns the URL of the OB 2.0 issuer Profile. */
export function ob2IssuerUrl(deps: Pick<PublishedDeps, 'publicUrl'>): string {
  return `${baseUrl(deps)}/ob2/issuer`;
}

/**
 * @returns the OB 2.0 Issuer Profile; hosted assertions are served from the same origin, which
 *   is what OB 2.0 hosted verification requires by default.
 */
export function ob2IssuerProfile(deps: PublishedDeps): Ob2IssuerProfile {
  const { profile } = deps.issuer;
  return buildIssuerProfile({
    id: ob2IssuerUrl(deps),
    name: profile.name,
    url: profile.url,
    // OB 2.0 requires an issuer email; the configuration always gives one (a missing one is
    // a deployment error, answered 500 and logged).
    email: profile.email ?? '',
    ...(profile.description === undefined ? {} : { description: profile.description }),
    ...(profile.image === undefined ? {} : { image: profile.image }),
  });
}

/**
 * @param number which list (`/status/<number>`), from 1.
 * @returns the signed revocation status list credential, signed with the key that signs now,
 *   or undefined when there is no such list.
 */
export async function statusListCredential(
  deps: PublishedDeps,
  number = 1,
): Promise<SignedStatusListCredential | undefined> {
  const stored = await findStatusList(deps.db, statusListUrl(baseUrl(deps), number));
  if (stored === undefined) return undefined;
  const issuer = await currentIssuer(deps.db, deps.issuer.profile);
  return buildStatusListCredential(restoreStatusList(stored.state), issuer, stored.updatedAt, {
    now: deps.clock(),
  });
}

/**
 * @param badgeId a global badge id, `<curriculum>/<badge>`.
 * @returns the badge and the skills its criteria name, or undefined.
 */
export function findPublishedBadge(
  deps: PublishedDeps,
  badgeId: string,
): PublishedBadge | undefined {
  const found = indexCatalog(deps.catalog).badge(badgeId);
  if (found === undefined) return undefined;
  return {
    id: badgeId,
    curriculum: found.curriculum,
    badge: found.badge,
    skills: requiredSkills(deps, found.definition.criteria),
  };
}

/**
 * @param criteria a badge rule (live, or an award's snapshot: what it meant when issued).
 * @returns the skills it names, with their authored text when the catalog still has them.
 */
export function requiredSkills(deps: PublishedDeps, criteria: CriteriaRule): RequiredSkill[] {
  const index = indexCatalog(deps.catalog);
  const skills: RequiredSkill[] = [];
  for (const leaf of ruleLeaves(criteria)) {
    if (leaf.kind !== 'skill') continue;
    const skill = index.skill(leaf.skillId)?.skill;
    skills.push({
      id: leaf.skillId,
      ...(skill === undefined ? {} : { skill }),
      ...(leaf.minLevel === undefined ? {} : { minLevel: leaf.minLevel }),
    });
  }
  return skills;
}

/** @returns the OB 2.0 BadgeClass of a catalog badge, or undefined. */
export function ob2BadgeClass(deps: PublishedDeps, badgeId: string): Ob2BadgeClass | undefined {
  const found = findPublishedBadge(deps, badgeId);
  if (found === undefined) return undefined;
  const base = baseUrl(deps);
  const definitionUrl = badgeDefinitionUrl(base, badgeId);
  return buildBadgeClass({
    id: `${base}/ob2/badges/${badgeId}`,
    name: found.badge.title.fr,
    description: found.badge.description.fr,
    image: `${definitionUrl}.png`,
    criteria: { id: definitionUrl, narrative: found.badge.criteriaNarrative.fr },
    issuerId: ob2IssuerUrl(deps),
    alignment: found.badge.alignments.map((alignment) => ({
      targetName: alignment.name,
      targetUrl: alignment.url,
      targetFramework: alignment.framework,
      ...(alignment.code === undefined ? {} : { targetCode: alignment.code }),
    })),
  });
}

/** The images of one badge definition, drawn once. */
export interface BadgeImages {
  svg: string;
  png: Buffer;
}

const imageCache = new WeakMap<Catalog, Map<string, BadgeImages>>();

/**
 * Draws a badge's image from its curriculum's design inputs, once per catalog and badge (the
 * catalog does not change while the server runs, and PNG rendering is not cheap).
 *
 * @returns the SVG and PNG, or undefined when the catalog has no such badge.
 */
export function badgeImages(deps: PublishedDeps, badgeId: string): BadgeImages | undefined {
  let cache = imageCache.get(deps.catalog);
  if (cache === undefined) {
    cache = new Map();
    imageCache.set(deps.catalog, cache);
  }
  const cached = cache.get(badgeId);
  if (cached) return cached;
  const found = indexCatalog(deps.catalog).badge(badgeId);
  if (found === undefined) return undefined;
  const images = drawBadge(found.badge.image.color, found.badge.image.icon, found.badge.title.fr);
  cache.set(badgeId, images);
  return images;
}

/**
 * The image of an award: its badge's image, or, for a badge no longer in the catalog, a plain
 * one drawn from the name it was issued with (the award must stay downloadable).
 */
export function awardImages(deps: PublishedDeps, award: AwardRecord): BadgeImages {
  return (
    badgeImages(deps, award.badgeId) ??
    drawBadge('#2a6f97', BADGE_ICON_NAMES[0] as BadgeIconName, award.credential.name)
  );
}

function drawBadge(color: string, icon: BadgeIconName, title: string): BadgeImages {
  const svg = renderBadgeSvg({ color, icon, title });
  return { svg, png: renderBadgePng(svg) };
}

/**
 * @param awardId the award id from the public URL.
 * @returns the award and its learner's name (null for a deleted account), or undefined when
 *   there is no such award or when the learner's profile is private (anonymous requesters
 *   must not learn it exists).
 */
export async function findPublishedAward(
  deps: PublishedDeps,
  awardId: string,
): Promise<PublishedAward | undefined> {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(awardId)) return undefined;
  const award = await findAward(deps.db, awardId);
  if (award === undefined) return undefined;
  const learner = await new PeopleRepository(deps.db).findBadgeHolder(award.learnerId);
  if (learner === null || learner.privateProfile) return undefined;
  return { award, learnerName: learner.displayName };
}

/**
 * Verifies a stored credential as an outside verifier would, without the server fetching its
 * own pages over the network: the DID document is preloaded and the status list is answered
 * in-process.
 *
 * @returns the live verification report.
 */
export async function verifyStoredCredential(
  deps: PublishedDeps,
  credential: unknown,
): Promise<VerificationReport> {
  const didDocument = await issuerDidDocument(deps);
  const listNumber = statusListNumber(baseUrl(deps), statusListOf(credential) ?? '');
  const statusList =
    listNumber === undefined ? undefined : await statusListCredential(deps, listNumber);
  const own = new Map<string, unknown>([
    [deps.issuer.profile.id, didDocument],
    ...(statusList === undefined ? [] : [[statusList.id, statusList] as [string, unknown]]),
  ]);
  return verifyCredential(credential, {
    now: deps.clock(),
    knownIssuers: [deps.issuer.profile.id],
    ...deps.verify,
    preloaded: own,
    fetcher: inProcessFetcher(own, deps.verify?.fetcher ?? createFetcher(fetchLimits(deps.verify))),
  });
}

/**
 * Verifies what a visitor gave (a URL, JSON, a baked image) with the safe fetcher.
 *
 * @returns the report.
 */
export async function verifySubmitted(
  deps: PublishedDeps,
  input: unknown,
): Promise<VerificationReport> {
  return verifyCredential(input, {
    now: deps.clock(),
    knownIssuers: [deps.issuer.profile.id],
    ...deps.verify,
  });
}

/** The status list URL a credential names, if it names one (read defensively: any input). */
function statusListOf(credential: unknown): string | undefined {
  if (typeof credential !== 'object' || credential === null) return undefined;
  const status = (credential as { credentialStatus?: unknown }).credentialStatus;
  const entries = Array.isArray(status) ? status : [status];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const url = (entry as { statusListCredential?: unknown }).statusListCredential;
    if (typeof url === 'string') return url;
  }
  return undefined;
}

function fetchLimits(options: VerifyOptions | undefined): Parameters<typeof createFetcher>[0] {
  return {
    ...(options?.allowLoopback === undefined ? {} : { allowLoopback: options.allowLoopback }),
    ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options?.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  };
}

/** Answers the server's own documents from memory and everything else through `fallback`. */
function inProcessFetcher(own: ReadonlyMap<string, unknown>, fallback: Fetcher): Fetcher {
  return async (url, accept) => {
    const document = own.get(url);
    if (document === undefined) return fallback(url, accept);
    return {
      ok: true,
      url,
      status: 200,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(document), 'utf8'),
    };
  };
}
