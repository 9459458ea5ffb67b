/**
 * What an OB 2.0 Assertion, BadgeClass, issuer Profile, CryptographicKey and RevocationList must
 * contain (openbadges.md §2.2–2.6, the reference validator's class validators). Unknown
 * properties are kept: extensions are allowed.
 */
import { z } from 'zod';
import { OB2_CONTEXT } from '../contexts/bundled-contexts.ts';
import { isHttpUrl, isOb2Iri } from './iri.ts';

const iri = z.string().refine(isOb2Iri, 'is not an http(s) URL or urn:uuid');
const httpUrl = z.string().refine(isHttpUrl, 'is not an http(s) URL');
const text = z.string().trim().min(1, 'is empty');
const dateTime = z
  .string()
  .refine(
    (value) => /(Z|[+-]\d\d:?\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)),
    'is not an ISO 8601 date-time with a time zone',
  );

function typeIncluding(...names: string[]) {
  return z
    .union([z.string(), z.array(z.string())])
    .refine(
      (value) => listOf(value).some((name) => typeof name === 'string' && names.includes(name)),
      {
        message: `must include ${names.join(' or ')}`,
      },
    );
}

const ob2Context = z
  .unknown()
  .refine(
    (value) => listOf(value).some((entry) => entry === OB2_CONTEXT),
    `must include ${OB2_CONTEXT}`,
  );

/** PNG or SVG: a URL, or a data URI of those types (OB 2.0 BadgeClass and Profile `image`). */
const imageRef = z
  .string()
  .refine(
    (value) =>
      value.startsWith('data:') ? /^data:image\/(png|svg\+xml)[;,]/.test(value) : isHttpUrl(value),
    'must be a PNG or SVG image (URL or data URI)',
  );
const image = z.union([imageRef, z.looseObject({ id: imageRef })]);

/** The Assertion's baked image: a URL, never a data URI (the reference validator refuses them). */
const assertionImageRef = httpUrl;
const assertionImage = z.union([assertionImageRef, z.looseObject({ id: assertionImageRef })]);

const identityObject = z
  .looseObject({
    type: z.enum(['email', 'url', 'telephone', 'id']),
    identity: text,
    hashed: z.boolean(),
    salt: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    const looksHashed = /^(sha256\$[0-9a-fA-F]{64}|md5\$[0-9a-fA-F]{32})$/.test(value.identity);
    if (value.hashed && !looksHashed) {
      ctx.addIssue({
        code: 'custom',
        path: ['identity'],
        message: 'is not a sha256$ or md5$ hash',
      });
    }
    if (!value.hashed && looksHashed) {
      ctx.addIssue({
        code: 'custom',
        path: ['hashed'],
        message: 'is false but identity is a hash',
      });
    }
    if (!value.hashed && value.type === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value.identity)) {
      ctx.addIssue({ code: 'custom', path: ['identity'], message: 'is not an email' });
    }
  });

const evidenceItem = z.union([
  httpUrl,
  z.looseObject({
    id: httpUrl.optional(),
    narrative: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    genre: z.string().optional(),
    audience: z.string().optional(),
  }),
]);

const assertionShape = z
  .looseObject({
    '@context': ob2Context,
    id: iri,
    type: typeIncluding('Assertion'),
    recipient: identityObject,
    badge: z.union([iri, z.looseObject({})]),
    issuedOn: dateTime,
    expires: dateTime.optional(),
    image: assertionImage.optional(),
    narrative: z.string().optional(),
    evidence: z.union([evidenceItem, z.array(evidenceItem)]).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.expires !== undefined && Date.parse(value.expires) < Date.parse(value.issuedOn)) {
      ctx.addIssue({ code: 'custom', path: ['expires'], message: 'is before issuedOn' });
    }
  });

const verificationObject = z.looseObject({
  type: z.enum(['HostedBadge', 'hosted', 'SignedBadge', 'signed']),
  creator: httpUrl.optional(),
});

const criteria = z.union([
  httpUrl,
  z
    .looseObject({ id: httpUrl.optional(), narrative: z.string().optional() })
    .refine((value) => value.id !== undefined || Boolean(value.narrative?.trim()), {
      message: 'needs an id (URL) or a narrative',
    }),
]);

const alignment = z.looseObject({
  targetName: text,
  targetUrl: httpUrl,
  targetDescription: z.string().optional(),
  targetFramework: z.string().optional(),
  targetCode: z.string().optional(),
});

const badgeClassShape = z.looseObject({
  id: iri,
  type: typeIncluding('BadgeClass'),
  name: text,
  description: text,
  image,
  criteria,
  issuer: z.union([iri, z.looseObject({})]),
  alignment: z.union([alignment, z.array(alignment)]).optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
});

const keyRef = z.union([iri, z.looseObject({ id: iri })]);

const profileShape = z.looseObject({
  id: iri,
  type: typeIncluding('Issuer', 'Profile'),
  name: text,
  url: httpUrl,
  email: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'is not an email'),
  telephone: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, 'is not an E.164 number')
    .optional(),
  image: image.optional(),
  publicKey: z.union([keyRef, z.array(keyRef)]).optional(),
  revocationList: httpUrl.optional(),
  verification: z.unknown().optional(),
});

const cryptographicKeyShape = z.looseObject({
  id: iri,
  type: typeIncluding('CryptographicKey').optional(),
  owner: iri,
  publicKeyPem: z
    .string()
    .includes('-----BEGIN PUBLIC KEY-----', { message: 'is not an SPKI PEM' }),
});

const revocationListShape = z.looseObject({
  type: typeIncluding('RevocationList').optional(),
  revokedAssertions: z.array(
    z.union([z.string(), z.looseObject({ id: z.string().optional(), uid: z.string().optional() })]),
  ),
});

/** An object as JSON gives it, once we know it is one. */
export type JsonObject = Record<string, unknown>;

/**
 * Problems with an Assertion, `verification` (or its alias `verify`) included.
 *
 * @param doc the Assertion.
 * @param kind which verification the pipeline expects: hosted, or signed (then `creator` is
 *   required, as the reference validator requires it).
 * @returns the problems, in English, empty when it is well formed.
 */
export function assertionProblems(doc: object, kind: 'hosted' | 'signed'): string[] {
  const problems = issues('Assertion', assertionShape.safeParse(doc));
  const record = doc as JsonObject;
  const verification = record.verification ?? record.verify;
  const parsed = verificationObject.safeParse(verification);
  if (!parsed.success) return [...problems, ...issues('Assertion.verification', parsed)];
  const type = parsed.data.type;
  const hosted = type === 'HostedBadge' || type === 'hosted';
  if (kind === 'hosted' && !hosted)
    problems.push(`Assertion.verification: type ${type} is not HostedBadge`);
  if (kind === 'signed' && hosted)
    problems.push(`Assertion.verification: type ${type} is not SignedBadge`);
  if (kind === 'signed' && parsed.data.creator === undefined) {
    problems.push('Assertion.verification: creator (the signing key URL) is missing');
  }
  return problems;
}

/**
 * @param doc the BadgeClass.
 * @param standalone whether it was published on its own (then it needs the OB 2.0 `@context`).
 * @returns the problems, empty when it is well formed.
 */
export function badgeClassProblems(doc: object, standalone: boolean): string[] {
  return [
    ...contextProblems('BadgeClass', doc, standalone),
    ...issues('BadgeClass', badgeClassShape.safeParse(doc)),
  ];
}

/**
 * @param doc the issuer Profile.
 * @param standalone whether it was published on its own (then it needs the OB 2.0 `@context`).
 * @returns the problems, empty when it is well formed.
 */
export function profileProblems(doc: object, standalone: boolean): string[] {
  return [
    ...contextProblems('Profile', doc, standalone),
    ...issues('Profile', profileShape.safeParse(doc)),
  ];
}

/** @returns the problems with a CryptographicKey, empty when it is well formed. */
export function cryptographicKeyProblems(doc: object): string[] {
  return issues('CryptographicKey', cryptographicKeyShape.safeParse(doc));
}

/** @returns the problems with a RevocationList, empty when it is well formed. */
export function revocationListProblems(doc: object): string[] {
  return issues('RevocationList', revocationListShape.safeParse(doc));
}

/** A JSON value as a list: one value or an array of them. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function contextProblems(label: string, doc: object, standalone: boolean): string[] {
  if (!standalone) return [];
  return issues(label, z.looseObject({ '@context': ob2Context }).safeParse(doc));
}

function issues(
  label: string,
  result:
    | { success: true }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
      },
): string[] {
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return `${label}${path ? `.${path}` : ''}: ${issue.message}`;
  });
}
