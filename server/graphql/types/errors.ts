/**
 * The expected failures of mutations, as GraphQL types: each implements `LocalizedError`
 * (a stable `code` and the message in French and English). Mutations list them in
 * `errors: { types }` so clients get typed unions; anything else is thrown and masked.
 */

import {
  InvalidProgressEvent,
  LevelOutOfRange,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { Forbidden, type LocalisedError } from '../../auth/errors.ts';
import { builder } from '../builder.ts';
import { LocalizedTextType } from './localized-text.ts';

/** The interface every typed error implements. */
export const LocalizedErrorInterface = builder
  .interfaceRef<LocalisedError>('LocalizedError')
  .implement({
    description: 'An expected failure, with a stable code and a message for users.',
    fields: (t) => ({
      code: t.exposeString('code'),
      message: t.field({
        type: LocalizedTextType,
        description: 'What went wrong and how to fix it, in French and English.',
        resolve: (error) => error.messages,
      }),
    }),
  });

builder.objectType(Forbidden, {
  name: 'Forbidden',
  description: 'The viewer may not do this (e.g. validate a learner outside their groups).',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(UnknownProgressSkill, {
  name: 'UnknownSkill',
  description: 'No curriculum has this skill id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ skillId: t.exposeString('skillId') }),
});

builder.objectType(LevelOutOfRange, {
  name: 'LevelOutOfRange',
  description: 'The skill has no such level.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    skillId: t.exposeString('skillId'),
    level: t.exposeInt('level'),
    levelCount: t.exposeInt('levelCount'),
  }),
});

builder.objectType(UnknownPerson, {
  name: 'UnknownPerson',
  description: 'Nobody has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ personId: t.exposeString('personId') }),
});

builder.objectType(InvalidProgressEvent, {
  name: 'InvalidProgressEvent',
  description: 'The event is incomplete or contradictory (a rejection without a comment…).',
  interfaces: [LocalizedErrorInterface],
});

/** The errors a skill decision (validate, reject) can end in. */
export const SKILL_DECISION_ERRORS = [
  Forbidden,
  UnknownProgressSkill,
  LevelOutOfRange,
  UnknownPerson,
  InvalidProgressEvent,
] as const;
