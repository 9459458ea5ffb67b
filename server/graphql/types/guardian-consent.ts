/**
 * `Mutation.setGuardianConsent`: an admin records whether a minor's guardian allows public
 * share links. Without it, a minor's share links are refused (see `createShareLink`).
 */
import { createAccountsDeps } from '../../app/accounts/deps.ts';
import { InvalidInput, NoStandingGuardianConsent } from '../../app/accounts/errors.ts';
import { setGuardianConsent } from '../../app/accounts/set-guardian-consent.ts';
import { UnknownPerson } from '../../app/engine-errors.ts';
import { Forbidden } from '../../auth/errors.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

builder.objectType(NoStandingGuardianConsent, {
  name: 'NoStandingGuardianConsent',
  description: 'The learner has no guardian consent in force whose terms could change.',
  interfaces: [LocalizedErrorInterface],
});

interface GuardianConsentView {
  learnerId: string;
  allowsPublicShare: boolean;
}

const SetGuardianConsentSuccess = builder
  .objectRef<GuardianConsentView>('SetGuardianConsentSuccess')
  .implement({
    description: "The guardian's term on public sharing, as now recorded.",
    fields: (t) => ({
      learnerId: t.exposeID('learnerId'),
      allowsPublicShare: t.exposeBoolean('allowsPublicShare'),
    }),
  });

builder.mutationFields((t) => ({
  setGuardianConsent: t.withAuth({ admin: true }).field({
    type: SetGuardianConsentSuccess,
    description:
      "Records whether a minor's guardian allows public share links, on their consents in force.",
    args: {
      learnerId: t.arg.id({ required: true }),
      allowsPublicShare: t.arg.boolean({ required: true }),
    },
    errors: {
      types: [Forbidden, InvalidInput, UnknownPerson, NoStandingGuardianConsent],
      directResult: true,
      union: { name: 'SetGuardianConsentResult' },
    },
    resolve: (_root, args, { deps, viewer }) =>
      setGuardianConsent(
        createAccountsDeps({ db: deps.db, clock: deps.clock, jwtSecret: deps.jwtSecret }),
        viewer,
        { learnerId: String(args.learnerId), allowsPublicShare: args.allowsPublicShare },
      ),
  }),
}));
