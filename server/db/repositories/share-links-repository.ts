/**
 * Share links of pathway records and the log of their openings. The only code that touches
 * `share_links` and `share_link_openings`, and reads a guardian consent's public-share flag.
 */
import type { Database } from '../connection.ts';

/** What a share link shows: never counsellor notes, whatever is stored. */
export interface ShareItems {
  /** Target jobs with their gap summary. */
  targets: boolean;
  /** Milestones reached. */
  milestones: boolean;
  /** The badges shown (ids of the learner's own awards). */
  awardIds: string[];
}

export interface ShareLink {
  id: string;
  learnerId: string;
  items: ShareItems;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ShareLinkOpening {
  id: string;
  shareLinkId: string;
  openedAt: string;
  userAgent: string;
}

interface ShareLinkRow {
  id: string;
  learnerId: string;
  tokenHash: string;
  items: string;
  createdAt: Date | string;
  expiresAt: Date | string;
  revokedAt: Date | string | null;
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function toLink(row: ShareLinkRow): ShareLink {
  return {
    id: row.id,
    learnerId: row.learnerId,
    items: JSON.parse(row.items) as ShareItems,
    createdAt: iso(row.createdAt),
    expiresAt: iso(row.expiresAt),
    revokedAt: row.revokedAt === null ? null : iso(row.revokedAt),
  };
}

export async function insertShareLink(
  db: Database,
  link: Omit<ShareLink, 'revokedAt'> & { tokenHash: string },
): Promise<void> {
  await db('share_links').insert({
    id: link.id,
    learnerId: link.learnerId,
    tokenHash: link.tokenHash,
    items: JSON.stringify(link.items),
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
  });
}

export async function findShareLinkByTokenHash(
  db: Database,
  tokenHash: string,
): Promise<ShareLink | undefined> {
  const row = (await db('share_links').where({ tokenHash }).first()) as ShareLinkRow | undefined;
  return row === undefined ? undefined : toLink(row);
}

export async function findShareLink(db: Database, id: string): Promise<ShareLink | undefined> {
  const row = (await db('share_links').where({ id }).first()) as ShareLinkRow | undefined;
  return row === undefined ? undefined : toLink(row);
}

/** @returns the learner's links, newest first. */
export async function listShareLinks(db: Database, learnerId: string): Promise<ShareLink[]> {
  const rows = (await db('share_links')
    .where({ learnerId })
    .orderBy([
      { column: 'createdAt', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as ShareLinkRow[];
  return rows.map(toLink);
}

/** @returns whether the link was standing (not yet revoked). */
export async function revokeShareLink(db: Database, id: string, at: Date): Promise<boolean> {
  const changed = await db('share_links')
    .where({ id })
    .whereNull('revokedAt')
    .update({ revokedAt: at.toISOString() });
  return changed > 0;
}

export async function insertOpening(db: Database, opening: ShareLinkOpening): Promise<void> {
  await db('share_link_openings').insert(opening);
}

/** @returns the openings of these links, newest first. */
export async function listOpenings(
  db: Database,
  shareLinkIds: readonly string[],
): Promise<ShareLinkOpening[]> {
  if (shareLinkIds.length === 0) return [];
  const rows = (await db('share_link_openings')
    .whereIn('shareLinkId', [...shareLinkIds])
    .orderBy([
      { column: 'openedAt', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])) as (ShareLinkOpening & { openedAt: Date | string })[];
  return rows.map((row) => ({ ...row, openedAt: iso(row.openedAt) }));
}

/** @returns whether a standing guardian consent of the person allows public sharing. */
export async function guardianAllowsPublicShare(db: Database, personId: string): Promise<boolean> {
  const row = await db('guardian_consents')
    .where({ personId })
    .whereNull('withdrawnAt')
    .where('allowsPublicShare', true)
    .first();
  return row !== undefined;
}

/** Sets the public-share flag of a consent (recorded by staff with the guardian). */
export async function setConsentAllowsPublicShare(
  db: Database,
  consentId: string,
  allows: boolean,
): Promise<void> {
  await db('guardian_consents').where({ id: consentId }).update({ allowsPublicShare: allows });
}
