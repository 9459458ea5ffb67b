/**
 * Open Badges 2.0 objects as Grange publishes them (openbadges.md §2): the issuer Profile, the
 * BadgeClass, the Assertion, the CryptographicKey and the RevocationList. Pure builders: every
 * id, date and salt comes in as an argument, so the same input always gives the same JSON.
 *
 * They throw on input Grange should never produce (an http id on a public host, a date without
 * time zone, an email in clear): a badge that other platforms reject is worse than no badge.
 */
import { OB2_CONTEXT } from '../contexts/bundled-contexts.ts';
import { hashIdentity, type IdentifierKind } from '../recipient/identity-hash.ts';
import { isPublishableUrl, isUuidUrn } from './iri.ts';

type Ob2Context = typeof OB2_CONTEXT;

/** The issuer's policy for where its hosted assertions may live (default: its own origin). */
export interface Ob2IssuerVerificationPolicy {
  type: 'VerificationObject';
  verificationProperty?: 'id';
  /** Hosts (`host[:port]`) allowed to serve the issuer's hosted assertions. */
  allowedOrigins?: string[];
  /** URL prefixes hosted assertion ids must start with. */
  startsWith?: string[];
}

export interface Ob2IssuerProfile {
  '@context': Ob2Context;
  type: 'Issuer';
  id: string;
  name: string;
  url: string;
  email: string;
  description?: string;
  image?: string;
  publicKey?: string[];
  revocationList?: string;
  verification?: Ob2IssuerVerificationPolicy;
}

export interface Ob2Criteria {
  id?: string;
  narrative?: string;
}

export interface Ob2Alignment {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface Ob2BadgeClass {
  '@context': Ob2Context;
  type: 'BadgeClass';
  id: string;
  name: string;
  description: string;
  image: string;
  criteria: Ob2Criteria;
  issuer: string;
  alignment?: Ob2Alignment[];
  tags?: string[];
}

export interface Ob2IdentityObject {
  type: IdentifierKind;
  hashed: true;
  identity: string;
  salt: string;
}

export type Ob2Verification = { type: 'HostedBadge' } | { type: 'SignedBadge'; creator: string };

export interface Ob2Evidence {
  id?: string;
  narrative?: string;
  name?: string;
  description?: string;
}

export interface Ob2Assertion {
  '@context': Ob2Context;
  type: 'Assertion';
  id: string;
  recipient: Ob2IdentityObject;
  badge: string;
  verification: Ob2Verification;
  issuedOn: string;
  expires?: string;
  evidence?: Ob2Evidence[];
  narrative?: string;
  image?: string;
}

export interface Ob2CryptographicKey {
  '@context': Ob2Context;
  type: 'CryptographicKey';
  id: string;
  owner: string;
  publicKeyPem: string;
  /** When the issuer retired the key (see `buildCryptographicKey`). */
  expires?: string;
}

export type Ob2RevokedEntry = string | { id: string; revocationReason?: string };

export interface Ob2RevocationList {
  '@context': Ob2Context;
  type: 'RevocationList';
  id: string;
  issuer: string;
  revokedAssertions: Ob2RevokedEntry[];
}

export interface Ob2RevokedAssertionBody {
  '@context': Ob2Context;
  id: string;
  revoked: true;
  revocationReason: string;
}

export interface IssuerProfileInput {
  id: string;
  name: string;
  /** The issuer's public web site. */
  url: string;
  email: string;
  description?: string;
  image?: string;
  /** Ids (https URLs) of the issuer's published CryptographicKeys. */
  publicKeyIds?: string[];
  revocationListUrl?: string;
  /** Widens where hosted assertions may be served from (default: the Profile's own origin). */
  verification?: { allowedOrigins?: string[]; startsWith?: string[] };
}

/**
 * The issuer Profile (type `Issuer`), with the properties OB 2.0 requires of an issuer.
 *
 * @param input id (https URL, where the Profile is served), name, url, email, and the optional
 *   description, image, key ids, revocation list URL and hosted-verification policy.
 * @returns the Profile JSON.
 */
export function buildIssuerProfile(input: IssuerProfileInput): Ob2IssuerProfile {
  requireUrl('issuer id', input.id);
  requireText('issuer name', input.name);
  requireUrl('issuer url', input.url);
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email))
    throw new Error(`issuer email: ${input.email} is not an email`);
  if (input.image !== undefined) requireImage('issuer image', input.image);
  for (const keyId of input.publicKeyIds ?? []) requireUrl('issuer public key id', keyId);
  if (input.revocationListUrl !== undefined) requireUrl('revocation list', input.revocationListUrl);
  for (const prefix of input.verification?.startsWith ?? [])
    requireUrl('verification startsWith', prefix);
  return {
    '@context': OB2_CONTEXT,
    type: 'Issuer',
    id: input.id,
    name: input.name,
    url: input.url,
    email: input.email,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.image !== undefined ? { image: input.image } : {}),
    ...(input.publicKeyIds?.length ? { publicKey: [...input.publicKeyIds] } : {}),
    ...(input.revocationListUrl !== undefined ? { revocationList: input.revocationListUrl } : {}),
    ...(input.verification ? { verification: verificationPolicy(input.verification) } : {}),
  };
}

export interface BadgeClassInput {
  id: string;
  name: string;
  description: string;
  /** PNG or SVG: an https URL, or a `data:image/png` / `data:image/svg+xml` URI. */
  image: string;
  /** A page describing the criteria, or their text (Markdown); the text is required without a page. */
  criteria: Ob2Criteria;
  issuerId: string;
  alignment?: Ob2Alignment[];
  tags?: string[];
}

/**
 * The BadgeClass: what the badge is, what earns it, and who issues it.
 *
 * @param input id (https URL), name, description, image, criteria, issuer id, and optional
 *   alignments (e.g. to a competency framework) and tags.
 * @returns the BadgeClass JSON.
 */
export function buildBadgeClass(input: BadgeClassInput): Ob2BadgeClass {
  requireUrl('badge class id', input.id);
  requireText('badge class name', input.name);
  requireText('badge class description', input.description);
  requireImage('badge class image', input.image);
  requireUrl('badge class issuer', input.issuerId);
  const criteria = input.criteria;
  if (criteria.id !== undefined) requireUrl('criteria id', criteria.id);
  if (criteria.id === undefined && !criteria.narrative?.trim()) {
    // The reference validator rejects criteria with neither a page nor a text.
    throw new Error('criteria: a narrative is required when there is no criteria page');
  }
  for (const alignment of input.alignment ?? []) {
    requireText('alignment targetName', alignment.targetName);
    // Frameworks publish their own identifiers, and some are http (ESCO's
    // http://data.europa.eu/esco/…): any absolute web address will do here.
    requireWebUrl('alignment targetUrl', alignment.targetUrl);
  }
  return {
    '@context': OB2_CONTEXT,
    type: 'BadgeClass',
    id: input.id,
    name: input.name,
    description: input.description,
    image: input.image,
    criteria: {
      ...(criteria.id !== undefined ? { id: criteria.id } : {}),
      ...(criteria.narrative !== undefined ? { narrative: criteria.narrative } : {}),
    },
    issuer: input.issuerId,
    ...(input.alignment?.length ? { alignment: input.alignment.map(copyAlignment) } : {}),
    ...(input.tags?.length ? { tags: [...input.tags] } : {}),
  };
}

export interface AssertionInput {
  /** Hosted: the https URL the assertion is served at. Signed: a `urn:uuid:`. */
  id: string;
  badgeClassId: string;
  /** Who earned it; only a salted hash of `value` is published. */
  recipient: { kind: IdentifierKind; value: string; salt: string };
  /** ISO 8601 with time zone, e.g. `2025-01-15T10:00:00Z`. */
  issuedOn: string;
  expires?: string;
  evidence?: Ob2Evidence[];
  narrative?: string;
  /** The https URL of the baked image (never a data URI: validators reject it). */
  image?: string;
  verification: Ob2Verification;
}

/**
 * The Assertion: one person earned one badge. The recipient is only published as a salted
 * SHA-256 hash.
 *
 * @param input id, BadgeClass id, recipient, dates, optional evidence/narrative/image, and how it
 *   is verified (hosted at its id, or signed with the key `creator`).
 * @returns the Assertion JSON.
 */
export function buildAssertion(input: AssertionInput): Ob2Assertion {
  if (input.verification.type === 'HostedBadge') {
    // Hosted: verifiers fetch the assertion from its id, so the id is where it is served.
    requireUrl('hosted assertion id', input.id);
  } else {
    if (!isUuidUrn(input.id)) throw new Error(`signed assertion id: ${input.id} is not a urn:uuid`);
    requireUrl('signing key (creator)', input.verification.creator);
  }
  requireUrl('assertion badge', input.badgeClassId);
  requireDateTime('issuedOn', input.issuedOn);
  if (input.expires !== undefined) {
    requireDateTime('expires', input.expires);
    if (Date.parse(input.expires) < Date.parse(input.issuedOn)) {
      throw new Error('expires: the badge cannot expire before it is issued');
    }
  }
  if (!input.recipient.salt)
    throw new Error('recipient salt: one fresh salt per assertion is required');
  requireText('recipient', input.recipient.value);
  if (input.image !== undefined) requireUrl('assertion image', input.image);
  for (const evidence of input.evidence ?? []) {
    if (evidence.id !== undefined) requireUrl('evidence id', evidence.id);
    if (evidence.id === undefined && !evidence.narrative?.trim()) {
      throw new Error('evidence: an id (URL) or a narrative is required');
    }
  }
  return {
    '@context': OB2_CONTEXT,
    type: 'Assertion',
    id: input.id,
    recipient: {
      type: input.recipient.kind,
      hashed: true,
      identity: hashIdentity(input.recipient.kind, input.recipient.value, input.recipient.salt),
      salt: input.recipient.salt,
    },
    badge: input.badgeClassId,
    verification:
      input.verification.type === 'HostedBadge'
        ? { type: 'HostedBadge' }
        : { type: 'SignedBadge', creator: input.verification.creator },
    issuedOn: input.issuedOn,
    ...(input.expires !== undefined ? { expires: input.expires } : {}),
    ...(input.evidence?.length ? { evidence: input.evidence.map(copyEvidence) } : {}),
    ...(input.narrative !== undefined ? { narrative: input.narrative } : {}),
    ...(input.image !== undefined ? { image: input.image } : {}),
  };
}

/**
 * The CryptographicKey that signed assertions point to (`verification.creator`).
 *
 * OB 2.0 has no member for a retired key, but its context maps `expires` to `sec:expiration`,
 * the Security Vocabulary's "this key stops being valid at" — so a retired key stays published
 * (what it signed before still verifies) with its retirement date as `expires`, and verifiers
 * refuse what it signed from that date on.
 *
 * @param input id (an https URL of its own: a `#fragment` of the Profile would resolve to the
 *   Profile), owner (the issuer id), the SPKI PEM of the RSA public key, and `retiredAt` (ISO
 *   8601) once the key is retired.
 * @returns the CryptographicKey JSON.
 */
export function buildCryptographicKey(input: {
  id: string;
  ownerId: string;
  publicKeyPem: string;
  retiredAt?: string;
}): Ob2CryptographicKey {
  requireUrl('key id', input.id);
  requireUrl('key owner', input.ownerId);
  if (!input.publicKeyPem.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new Error('publicKeyPem: expected an SPKI PEM public key');
  }
  if (input.retiredAt !== undefined && Number.isNaN(Date.parse(input.retiredAt))) {
    throw new Error(`retiredAt: "${input.retiredAt}" is not an ISO 8601 date`);
  }
  return {
    '@context': OB2_CONTEXT,
    type: 'CryptographicKey',
    id: input.id,
    owner: input.ownerId,
    publicKeyPem: input.publicKeyPem,
    ...(input.retiredAt === undefined ? {} : { expires: input.retiredAt }),
  };
}

/**
 * The issuer's RevocationList for signed assertions (hosted ones answer 410 Gone instead).
 *
 * @param input id (https URL), issuer id, and the revoked assertion ids with optional reasons.
 * @returns the RevocationList JSON.
 */
export function buildRevocationList(input: {
  id: string;
  issuerId: string;
  revoked: { id: string; reason?: string }[];
}): Ob2RevocationList {
  requireUrl('revocation list id', input.id);
  requireUrl('revocation list issuer', input.issuerId);
  return {
    '@context': OB2_CONTEXT,
    type: 'RevocationList',
    id: input.id,
    issuer: input.issuerId,
    revokedAssertions: input.revoked.map((entry) =>
      entry.reason === undefined ? entry.id : { id: entry.id, revocationReason: entry.reason },
    ),
  };
}

/**
 * The body served with HTTP 410 Gone at a revoked hosted assertion's URL.
 *
 * @param id the assertion id (its URL).
 * @param reason why it was revoked, in words the recipient and employers can read.
 * @returns the JSON body.
 */
export function buildRevokedAssertionBody(id: string, reason: string): Ob2RevokedAssertionBody {
  return { '@context': OB2_CONTEXT, id, revoked: true, revocationReason: reason };
}

function verificationPolicy(policy: {
  allowedOrigins?: string[];
  startsWith?: string[];
}): Ob2IssuerVerificationPolicy {
  return {
    type: 'VerificationObject',
    verificationProperty: 'id',
    ...(policy.allowedOrigins ? { allowedOrigins: [...policy.allowedOrigins] } : {}),
    ...(policy.startsWith ? { startsWith: [...policy.startsWith] } : {}),
  };
}

function copyAlignment(alignment: Ob2Alignment): Ob2Alignment {
  return {
    targetName: alignment.targetName,
    targetUrl: alignment.targetUrl,
    ...(alignment.targetDescription !== undefined
      ? { targetDescription: alignment.targetDescription }
      : {}),
    ...(alignment.targetFramework !== undefined
      ? { targetFramework: alignment.targetFramework }
      : {}),
    ...(alignment.targetCode !== undefined ? { targetCode: alignment.targetCode } : {}),
  };
}

function copyEvidence(evidence: Ob2Evidence): Ob2Evidence {
  return {
    ...(evidence.id !== undefined ? { id: evidence.id } : {}),
    ...(evidence.narrative !== undefined ? { narrative: evidence.narrative } : {}),
    ...(evidence.name !== undefined ? { name: evidence.name } : {}),
    ...(evidence.description !== undefined ? { description: evidence.description } : {}),
  };
}

function requireUrl(what: string, value: string): void {
  if (!isPublishableUrl(value)) {
    throw new Error(`${what}: ${value} must be an https URL (http only on loopback, for tests)`);
  }
}

function requireWebUrl(what: string, value: string): void {
  let protocol: string;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error(`${what}: ${value} must be an absolute http or https URL`);
  }
}

function requireText(what: string, value: string): void {
  if (!value.trim()) throw new Error(`${what}: must not be empty`);
}

function requireDateTime(what: string, value: string): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new Error(`${what}: ${value} must be an ISO 8601 date-time with a time zone (…Z)`);
  }
  if (Number.isNaN(Date.parse(value))) throw new Error(`${what}: ${value} is not a valid date`);
}

/** Badge images are PNG or SVG (OB 2.0 §Image): an https URL or a data URI of those types. */
function requireImage(what: string, value: string): void {
  if (value.startsWith('data:')) {
    if (!/^data:image\/(png|svg\+xml)[;,]/.test(value)) {
      throw new Error(`${what}: a data URI must be image/png or image/svg+xml`);
    }
    return;
  }
  requireUrl(what, value);
}
