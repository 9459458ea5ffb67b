/**
 * Share links of a pathway record: the learner chooses what a link shows (target jobs with
 * their gap summary, milestones, some badges: never counsellor notes), for 1 to 365 days
 * (30 by default), and may revoke it. The token is 128 random bits, given once; only its
 * SHA-256 is stored. Every opening is logged with the time and a coarse user agent (browser
 * family and device kind), never the address. A minor's link needs a guardian consent that
 * allows public sharing.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Viewer } from '../../auth/policies.ts';
import { listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import { PeopleRepository } from '../../db/repositories/people-repository.ts';
import {
  findShareLink,
  findShareLinkByTokenHash,
  guardianAllowsPublicShare,
  insertOpening,
  insertShareLink,
  listOpenings,
  listShareLinks,
  revokeShareLink as revokeStored,
  type ShareItems,
  type ShareLink,
  type ShareLinkOpening,
} from '../../db/repositories/share-links-repository.ts';
import { UnknownPerson } from '../engine-errors.ts';
import type { PathwayDeps } from './deps.ts';
import { InvalidShareRequest, PublicShareNeedsConsent, UnknownShareLink } from './errors.ts';
import { type PathwayView, readPathway } from './read-pathway.ts';

export const DEFAULT_SHARE_DAYS = 30;
export const MAX_SHARE_DAYS = 365;

/** @returns the hex SHA-256 of a token, as stored. */
export function hashShareToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * @returns the link and its token (shown once: it is not stored).
 * @throws InvalidShareRequest, PublicShareNeedsConsent, UnknownPerson
 */
export async function createShareLink(
  deps: PathwayDeps,
  viewer: Viewer,
  input: { items: ShareItems; days?: number | null },
): Promise<{ link: ShareLink; token: string }> {
  const days = input.days ?? DEFAULT_SHARE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SHARE_DAYS) {
    throw InvalidShareRequest.expiryOutOfRange();
  }
  const awardIds = [...new Set(input.items.awardIds)];
  if (!input.items.targets && !input.items.milestones && awardIds.length === 0) {
    throw InvalidShareRequest.nothingShared();
  }
  const person = await new PeopleRepository(deps.db).findById(viewer.personId);
  if (person === null) throw new UnknownPerson(viewer.personId);
  if (person.isMinor && !(await guardianAllowsPublicShare(deps.db, person.id))) {
    throw new PublicShareNeedsConsent();
  }
  const own = new Set(
    (await listAwardsOfLearner(deps.db, viewer.personId))
      .filter((award) => award.revokedAt === undefined)
      .map((award) => award.id),
  );
  if (awardIds.some((id) => !own.has(id))) throw InvalidShareRequest.unknownAward();

  const now = deps.clock();
  const token = randomBytes(16).toString('base64url');
  const link: ShareLink = {
    id: randomUUID(),
    learnerId: viewer.personId,
    items: { targets: input.items.targets, milestones: input.items.milestones, awardIds },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString(),
    revokedAt: null,
  };
  await insertShareLink(deps.db, { ...link, tokenHash: hashShareToken(token) });
  return { link, token };
}

/** @throws UnknownShareLink when the link is not the viewer's. */
export async function revokeShareLink(
  deps: PathwayDeps,
  viewer: Viewer,
  shareLinkId: string,
): Promise<ShareLink> {
  const link = await findShareLink(deps.db, shareLinkId);
  if (link === undefined || link.learnerId !== viewer.personId) {
    throw new UnknownShareLink(shareLinkId);
  }
  await revokeStored(deps.db, link.id, deps.clock());
  return (await findShareLink(deps.db, link.id)) ?? link;
}

export interface ShareLinkWithOpenings extends ShareLink {
  openings: ShareLinkOpening[];
}

/** @returns the viewer's links, newest first, each with its openings. */
export async function myShareLinks(
  deps: PathwayDeps,
  viewer: Viewer,
): Promise<ShareLinkWithOpenings[]> {
  const links = await listShareLinks(deps.db, viewer.personId);
  const openings = await listOpenings(
    deps.db,
    links.map((link) => link.id),
  );
  return links.map((link) => ({
    ...link,
    openings: openings.filter((opening) => opening.shareLinkId === link.id),
  }));
}

/** What a visitor of `/partage/<token>` sees: only the items chosen, no name of a minor. */
export interface SharedPathway {
  /** The learner's display name, or null for a minor (never shown publicly). */
  learnerName: string | null;
  expiresAt: string;
  targets?: PathwayView['targets'];
  milestones?: PathwayView['milestones'];
  badges: PathwayView['badges'];
}

export type OpenedShare =
  | { status: 'ok'; share: SharedPathway }
  | { status: 'gone'; reason: 'expired' | 'revoked' }
  | { status: 'not-found' };

/**
 * Opens a link as a visitor: logs the opening when the link is live.
 *
 * @param token the token from the address.
 * @param userAgent the visitor's User-Agent header, reduced here to a coarse label.
 */
export async function openShareLink(
  deps: PathwayDeps,
  token: string,
  userAgent: string | undefined,
): Promise<OpenedShare> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { status: 'not-found' };
  const link = await findShareLinkByTokenHash(deps.db, hashShareToken(token));
  if (link === undefined) return { status: 'not-found' };
  if (link.revokedAt !== null) return { status: 'gone', reason: 'revoked' };
  const now = deps.clock();
  if (new Date(link.expiresAt) <= now) return { status: 'gone', reason: 'expired' };
  await insertOpening(deps.db, {
    id: randomUUID(),
    shareLinkId: link.id,
    openedAt: now.toISOString(),
    userAgent: coarseUserAgent(userAgent),
  });
  const person = await new PeopleRepository(deps.db).findById(link.learnerId);
  // Notes are never read for a share: readPathway without `withNotes`.
  const view = await readPathway(deps, link.learnerId);
  const chosen = new Set(link.items.awardIds);
  return {
    status: 'ok',
    share: {
      learnerName: person === null || person.isMinor ? null : person.displayName,
      expiresAt: link.expiresAt,
      ...(link.items.targets ? { targets: view.targets } : {}),
      ...(link.items.milestones ? { milestones: view.milestones } : {}),
      badges: view.badges.filter((badge) => chosen.has(badge.awardId)),
    },
  };
}

/** "Firefox · mobile": enough for the learner to recognise an opening, not to track anyone. */
export function coarseUserAgent(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /bot|crawl|spider|preview/i.test(ua)
            ? 'robot'
            : ua === ''
              ? 'inconnu'
              : 'autre';
  const device = /Mobi|Android|iPhone|iPad/.test(ua) ? 'mobile' : 'ordinateur';
  return `${browser} · ${device}`;
}
