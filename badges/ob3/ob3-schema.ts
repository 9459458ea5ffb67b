/**
 * The shape an OB 3.0 credential must have before anything else is checked (openbadges.md §3.2,
 * §3.3, §3.10 step 1): contexts, types, issuer, dates, and the subject its type calls for: an
 * AchievementSubject with a recipient and an achievement for an OpenBadgeCredential, or an
 * EndorsementSubject naming what is endorsed for an EndorsementCredential (§3.3 item 10, which
 * the specification verifies the same way: `verification.md` §EndorsementCredential
 * Verification). Lenient where the specification is (string or array `type`, issuer URI or
 * Profile, VC 1.1 `issuanceDate`), strict on what a verifier relies on.
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

const endorsementSubject = z.object({
  id: iri,
  type: typeIncluding('EndorsementSubject'),
  endorsementComment: z.string().optional(),
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

const CREDENTIAL_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/**
 * The OB 3.0 credential shape without its subject (VC 2.0 or VC 1.1 dates); the subject is
 * checked by {@link checkOb3Shape} against the schema its type calls for.
 */
export const ob3CredentialSchema = z
  .object({
    '@context': context,
    id: iri,
    type: typeIncluding('VerifiableCredential').refine(
      (t) => CREDENTIAL_TYPES.some((name) => typesOf(t).includes(name)),
      {
        message:
          'type must include OpenBadgeCredential, AchievementCredential or EndorsementCredential',
      },
    ),
    issuer,
    name: z.string().optional(),
    validFrom: dateTimeZ.optional(),
    validUntil: dateTimeZ.optional(),
    issuanceDate: dateTimeZ.optional(),
    expirationDate: dateTimeZ.optional(),
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
  // Parsed apart so a wrong `type` still reports the subject's own problems too.
  const subject = isEndorsement(credential) ? endorsementSubject : achievementSubject;
  const subjectValue = isRecord(credential) ? credential.credentialSubject : undefined;
  const problems = [
    ...issuesOf(ob3CredentialSchema.safeParse(credential), []),
    ...issuesOf(subject.safeParse(subjectValue), ['credentialSubject']),
  ];
  return problems.length > 0 ? problems : undefined;
}

/** An EndorsementCredential that does not also claim to be a badge. */
function isEndorsement(credential: unknown): boolean {
  const types = isRecord(credential) ? typesOf(credential.type) : [];
  return (
    types.includes('EndorsementCredential') &&
    !types.includes('OpenBadgeCredential') &&
    !types.includes('AchievementCredential')
  );
}

function issuesOf(
  result: { success: true } | { success: false; error: z.ZodError },
  prefix: PropertyKey[],
): string[] {
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${[...prefix, ...issue.path].map(String).join('.') || '(root)'}: ${issue.message}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute IRI: a scheme, a colon and something (https:, urn:uuid:, did:…). */
export function isAbsoluteIri(value: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(value);
}
