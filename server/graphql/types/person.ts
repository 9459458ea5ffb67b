/** `Person` and `Query.me`. */
import { ROLES } from '../../auth/roles.ts';
import type { Person } from '../../db/repositories/people-repository.ts';
import { builder } from '../builder.ts';

/** The roles a person may hold. */
export const RoleEnum = builder.enumType('Role', {
  values: Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), { value: role }])),
});

/** A person, as the signed-in viewer sees themselves. */
export const PersonType = builder.objectRef<Person>('Person').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName'),
    roles: t.field({ type: [RoleEnum], resolve: (person) => person.roles }),
    locale: t.exposeString('locale', { description: '`fr` or `en`.' }),
  }),
});

builder.queryFields((t) => ({
  me: t.field({
    type: PersonType,
    nullable: true,
    description: 'The signed-in person; null when anonymous.',
    resolve: (_root, _args, context) =>
      context.viewer === null ? null : context.loaders.person(context.viewer.personId),
  }),
}));
