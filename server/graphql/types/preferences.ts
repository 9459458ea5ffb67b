/**
 * `Preferences`, `Query.myPreferences` and `Mutation.updateMyPreferences`: the signed-in
 * person's language and display mode ("grand texte", "contraste élevé"), which the web client
 * applies on every device.
 */
import { UnsupportedLocale, updatePreferences } from '../../app/accounts/update-preferences.ts';
import { findPreferences, type Preferences } from '../../db/repositories/preferences-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

builder.objectType(UnsupportedLocale, {
  name: 'UnsupportedLocale',
  description: 'The platform speaks French (`fr`) and English (`en`) only.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ locale: t.exposeString('locale') }),
});

/** How a person likes the platform shown. */
export const PreferencesType = builder.objectRef<Preferences>('Preferences').implement({
  fields: (t) => ({
    locale: t.exposeString('locale', { description: '`fr` or `en`.' }),
    largeText: t.exposeBoolean('largeText', { description: 'Larger text everywhere.' }),
    highContrast: t.exposeBoolean('highContrast', {
      description: 'Black on white, thicker outlines.',
    }),
  }),
});

builder.queryFields((t) => ({
  myPreferences: t.withAuth({ signedIn: true }).field({
    type: PreferencesType,
    description: "The signed-in person's language and display preferences.",
    resolve: async (_root, _args, context) => {
      const found = await findPreferences(context.deps.db, context.viewer.personId);
      // The context has just read this person to check the token.
      if (found === undefined) throw new Error('the signed-in person has no row');
      return found;
    },
  }),
}));

builder.mutationFields((t) => ({
  updateMyPreferences: t.withAuth({ signedIn: true }).field({
    type: PreferencesType,
    description:
      'Changes the signed-in person’s language and display preferences; omitted ones stay.',
    args: {
      locale: t.arg.string({ required: false, description: '`fr` or `en`.' }),
      largeText: t.arg.boolean({ required: false }),
      highContrast: t.arg.boolean({ required: false }),
    },
    errors: {
      types: [UnsupportedLocale],
      directResult: true,
      union: { name: 'UpdateMyPreferencesResult' },
    },
    resolve: (_root, args, context) =>
      updatePreferences(context.deps, context.viewer.personId, {
        ...(args.locale == null ? {} : { locale: args.locale }),
        ...(args.largeText == null ? {} : { largeText: args.largeText }),
        ...(args.highContrast == null ? {} : { highContrast: args.highContrast }),
      }),
  }),
}));
