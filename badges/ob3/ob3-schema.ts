/**
 * The shape an OB 3.0 credential must have before anything else is checked (openbadges.md §3.2,
 * §3.3, §3.10 step 1): contexts, types, issuer, dates, and an AchievementSubject with a
 * recipient and an achievement. Lenient where the specification is (string or array `type`,
 * issuer URI or Profile, VC 1.1 `issuanceDate`), strict on what a verifier relies on.
 */
import { z } from 'zod';
import { OB3_CONTEXTS, VC_V1_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled-contexts.ts';

const OB3_CONTEXT_SET: ReadonlySet<string> = new Set(OB3_CONTEXTS);

/** `type` as a string or an array of strings, normalised to an array. */
export function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string');
  return [];
}

const iri = z.string().refine(isAbsoluteIri, { message: 'must be an absolute IRI' });

const dateTimeZ = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)) && /(Z|[+-]\d\d:?\d\d)$/.test(v.trim()), {
    message: 'must be an ISO 8601 date-time with a time zone',
  });

function typeIncluding(...names: string[]) {
  return z
    .union([z.string(), z.array(z.string()).min(1)])
    .refine((value) => names.some((name) => typesOf(value).includes(name)), {
      message: `type must include ${names.join(' or ')}`,
    });
}

const identityObject = z.object({
  type: typeIncluding('IdentityObject'),
  hashed: z.boolean(),
  identityHash: z.string().min(1),
  identityType: z.string().min(1),
  salt: z.string().optional(),
});

const criteria = z
  .object({ id: iri.optional(), narrative: z.string().min(1).optional() })
  .refine((c) => c.id !== undefined || c.narrative !== undefined, {
    message: 'criteria needs an id or a narrative',
  });

const achievement = z.object({
  id: iri,
  type: typeIncluding('Achievement'),
  name: z.string().min(1),
  description: z.string().min(1),
  criteria,
});

const achievementSubject = z
  .object({
    id: iri.optional(),
    type: typeIncluding('AchievementSubject'),
    identifier: z.array(identityObject).optional(),
    achievement,
  })
  .refine((s) => s.id !== undefined || (s.identifier?.length ?? 0) > 0, {
    message: 'credentialSubject needs an id or at least one identifier',
  });

const issuer = z.union([
  iri,
  z.object({ id: iri, type: typeIncluding('Profile'), name: z.string().optional() }),
]);

const context = z
  .array(z.string())
  .min(2)
  .refine((c) => c[0] === VC_V2_CONTEXT || c[0] === VC_V1_CONTEXT, {
    message: `the first context must be ${VC_V2_CONTEXT} (or the VC 1.1 context)`,
  })
  .refine((c) => c.some((url) => OB3_CONTEXT_SET.has(url)), {
    message: 'an Open Badges 3.0 context is required',
  });

/** The OB 3.0 credential shape (VC 2.0 or VC 1.1 dates, checked by {@link checkOb3Shape}). */
export const ob3CredentialSchema = z
  .object({
    '@context': context,
    id: iri,
    type: typeIncluding('VerifiableCredential').refine(
      (t) =>
        typesOf(t).includes('OpenBadgeCredential') || typesOf(t).includes('AchievementCredential'),
      { message: 'type must include OpenBadgeCredential or AchievementCredential' },
    ),
    issuer,
    name: z.string().optional(),
    validFrom: dateTimeZ.optional(),
    validUntil: dateTimeZ.optional(),
    issuanceDate: dateTimeZ.optional(),
    expirationDate: dateTimeZ.optional(),
    credentialSubject: achievementSubject,
  })
  .superRefine((credential, ctx) => {
    const v2 = credential['@context'][0] === VC_V2_CONTEXT;
    if (v2 && credential.validFrom === undefined) {
      ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'validFrom is required' });
    }
    if (v2 && (credential.issuanceDate !== undefined || credential.expirationDate !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuanceDate'],
        message: 'issuanceDate/expirationDate belong to VC 1.1, not to a VC 2.0 credential',
      });
    }
    if (!v2 && credential.issuanceDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['issuanceDate'], message: 'issuanceDate is required' });
    }
  });

/**
 * @param credential anything.
 * @returns undefined when the shape is right, else one line per problem (path: message).
 */
export function checkOb3Shape(credential: unknown): string[] | undefined {
  const result = ob3CredentialSchema.safeParse(credential);
  if (result.success) return undefined;
  return result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
}

/** An absolute IRI: a scheme, a colon and something (https:, urn:uuid:, did:…). */
export function isAbsoluteIri(value: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(value);
}
