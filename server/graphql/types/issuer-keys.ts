/**
 * The issuer's signing keys, for administrators: `Query.issuerKeys` (public facts only: id,
 * algorithm, dates; never key material), `Mutation.rotateIssuerKey`, `Mutation.retireIssuerKey`.
 */
import { LastActiveIssuerKey } from '../../app/admin/errors.ts';
import {
  type IssuerKeySummary,
  listIssuerKeySummaries,
  retireIssuerKey,
  rotateIssuerKey,
} from '../../app/admin/issuer-keys.ts';
import { UnknownIssuerKey } from '../../app/engine-errors.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

builder.objectType(UnknownIssuerKey, {
  name: 'UnknownIssuerKey',
  description: 'No signing key has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ keyId: t.exposeString('keyId') }),
});

builder.objectType(LastActiveIssuerKey, {
  name: 'LastActiveIssuerKey',
  description: 'Retiring it would leave no active key of its algorithm: rotate first.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ keyId: t.exposeString('keyId') }),
});

/** Which kind of key. */
export const KeyAlgorithmEnum = builder.enumType('KeyAlgorithm', {
  values: {
    ED25519: { value: 'Ed25519', description: 'Signs Open Badges 3.0 Data Integrity proofs.' },
    RSA: { value: 'RSA', description: 'Signs RS256 forms (OB 2.0 JWS, OB 3.0 VC-JWT).' },
  } as const,
});

/** A signing key, as administrators see it: no key material at all. */
export const IssuerKeyType = builder.objectRef<IssuerKeySummary>('IssuerKey').implement({
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The verification method id.' }),
    algorithm: t.field({ type: KeyAlgorithmEnum, resolve: (key) => key.algorithm }),
    createdAt: t.exposeString('createdAt'),
    retiredAt: t.string({ nullable: true, resolve: (key) => key.retiredAt ?? null }),
    active: t.exposeBoolean('active'),
  }),
});

const IssuerKeySuccess = builder
  .objectRef<{ key: IssuerKeySummary }>('IssuerKeySuccess')
  .implement({
    fields: (t) => ({ key: t.field({ type: IssuerKeyType, resolve: (result) => result.key }) }),
  });

builder.queryFields((t) => ({
  issuerKeys: t.withAuth({ admin: true }).field({
    type: [IssuerKeyType],
    description: "Administrators: the issuer's signing keys, oldest first.",
    resolve: (_root, _args, context) => listIssuerKeySummaries(context.deps),
  }),
}));

builder.mutationFields((t) => ({
  rotateIssuerKey: t.withAuth({ admin: true }).field({
    type: IssuerKeySuccess,
    description:
      'Administrators: add a new key of an algorithm; it signs from now on, older keys stay ' +
      'published until retired.',
    args: { algorithm: t.arg({ type: KeyAlgorithmEnum, required: true }) },
    resolve: async (_root, args, context) => ({
      key: await rotateIssuerKey(context.deps, args.algorithm),
    }),
  }),
  retireIssuerKey: t.withAuth({ admin: true }).field({
    type: IssuerKeySuccess,
    description:
      'Administrators: retire a key; what it signed before stays valid. The last active key ' +
      'of an algorithm cannot be retired.',
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [UnknownIssuerKey, LastActiveIssuerKey],
      directResult: true,
      union: { name: 'RetireIssuerKeyResult' },
    },
    resolve: async (_root, args, context) => ({
      key: await retireIssuerKey(context.deps, String(args.id)),
    }),
  }),
}));
