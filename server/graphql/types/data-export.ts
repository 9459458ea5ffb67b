/** `Query.myDataExport`: everything about the signed-in person, as JSON text. */
import { exportMyData } from '../../app/learner/export-my-data.ts';
import { builder } from '../builder.ts';

builder.queryFields((t) => ({
  myDataExport: t.withAuth({ signedIn: true }).string({
    description:
      "The signed-in person's own data (profile, roles, enrolments, progress events and " +
      'states, evidence, awards with verification URLs, notifications) as JSON text. Never ' +
      "another person's data, never a secret.",
    resolve: async (_root, _args, context) =>
      JSON.stringify(await exportMyData(context.deps, context.viewer.personId), null, 2),
  }),
}));
