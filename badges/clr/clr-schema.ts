/**
 * The shape a CLR 2.0 `ClrCredential` must have before its proof and its credentials are
 * checked (openbadges.md §4): contexts, types, issuer, dates, and a `ClrSubject` naming the
 * learner, holding at least one credential, whose associations link achievements of the
 * record. The embedded credentials' own shape is their own pipeline's business.
 */
import { z } from 'zod';
import { CLR_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled-contexts.ts';
import { isAbsoluteIri, typesOf } from '../ob3/ob3-schema.ts';
import { ASSOCIATION_TYPES, achievementIdsOf } from './build-clr.ts';

/** The CLR 2.0 contexts a verifier accepts: 2.0.1 and the unversioned alias. */
const CLR_CONTEXTS: ReadonlySet<string> = new Set([
  CLR_CONTEXT,
  'https://purl.imsglobal.org/spec/clr/v2p0/context.json',
]);

/** The most credentials one record may hold. */
export const MAX_EMBEDDED = 300;

const iri = z.string().refine(isAbsoluteIri, { message: 'must be an absolute IRI' });

const dateTimeZ = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)) && /(Z|[+-]\d\d:?\d\d)$/.test(v.trim()), {
    message: 'must be an ISO 8601 date-time with a time zone',
  });

function typeIncluding(name: string) {
  return z
    .union([z.string(), z.array(z.string()).min(1)])
    .refine((value) => typesOf(value).includes(name), { message: `type must include ${name}` });
}

const identityObject = z.object({
  type: typeIncluding('IdentityObject'),
  hashed: z.boolean(),
  identityHash: z.string().min(1),
  identityType: z.string().min(1),
  salt: z.string().optional(),
});

const association = z.object({
  type: typeIncluding('Association'),
  associationType: z.enum(ASSOCIATION_TYPES),
  sourceId: iri,
  targetId: iri,
});

const clrSubject = z
  .object({
    id: iri.optional(),
    type: typeIncluding('ClrSubject'),
    identifier: z.array(identityObject).optional(),
    achievement: z.array(z.object({ id: iri, type: typeIncluding('Achievement') })).optional(),
    // Bounded: each credential costs a full verification (a learner holds tens, not thousands).
    verifiableCredential: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_EMBEDDED),
    association: z.array(association).optional(),
  })
  .refine((s) => s.id !== undefined || (s.identifier?.length ?? 0) > 0, {
    message: 'credentialSubject needs an id or at least one identifier',
  })
  .superRefine((subject, ctx) => {
    // An association between achievements the record does not hold says nothing checkable.
    const known = new Set([
      ...(subject.achievement ?? []).map((a) => a.id),
      ...subject.verifiableCredential.flatMap(achievementIdsOf),
    ]);
    subject.association?.forEach((item, index) => {
      for (const end of ['sourceId', 'targetId'] as const) {
        if (!known.has(item[end])) {
          ctx.addIssue({
            code: 'custom',
            path: ['association', index, end],
            message: `${item[end]} is not an achievement of the record`,
          });
        }
      }
    });
  });

const clrCredential = z.object({
  '@context': z
    .array(z.string())
    .min(2)
    .refine((c) => c[0] === VC_V2_CONTEXT, {
      message: `the first context must be ${VC_V2_CONTEXT}`,
    })
    .refine((c) => c.some((url) => CLR_CONTEXTS.has(url)), {
      message: 'a CLR 2.0 context is required',
    }),
  id: iri,
  type: typeIncluding('VerifiableCredential').refine((t) => typesOf(t).includes('ClrCredential'), {
    message: 'type must include ClrCredential',
  }),
  issuer: z.union([iri, z.object({ id: iri, type: typeIncluding('Profile') })]),
  name: z.string().min(1),
  validFrom: dateTimeZ,
  validUntil: dateTimeZ.optional(),
  partial: z.boolean().optional(),
  credentialSubject: clrSubject,
});

/**
 * @param credential anything.
 * @returns undefined when the shape is right, else one line per problem (path: message).
 */
export function checkClrShape(credential: unknown): string[] | undefined {
  const result = clrCredential.safeParse(credential);
  if (result.success) return undefined;
  return result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
}

/** Whether a JSON value claims to be a CLR 2.0 record (its type names ClrCredential). */
export function isClrCredential(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return typesOf((value as { type?: unknown }).type).includes('ClrCredential');
}
