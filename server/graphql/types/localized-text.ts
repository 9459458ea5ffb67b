/** `LocalizedText`: a text shown to people, in French and English (both always present). */
import { builder } from '../builder.ts';

/** The GraphQL type of a `{ fr, en }` text. */
export const LocalizedTextType = builder.simpleObject('LocalizedText', {
  description: 'A text shown to people, in French and English.',
  fields: (t) => ({
    fr: t.string(),
    en: t.string(),
  }),
});
