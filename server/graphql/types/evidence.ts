/** `Evidence` and `Mutation.submitEvidence` (text or an http(s) link; file uploads come later). */
import {
  InvalidProgressEvent,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { InvalidEvidence } from '../../app/learner/errors.ts';
import { submitEvidence } from '../../app/learner/submit-evidence.ts';
import type { EvidenceRecord } from '../../db/repositories/evidence-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { SkillStateType } from './skill-state.ts';

builder.objectType(InvalidEvidence, {
  name: 'InvalidEvidence',
  description: 'The evidence is empty, too long (5,000 characters) or its link is not http(s).',
  interfaces: [LocalizedErrorInterface],
});

/** Evidence a learner handed in. */
export const EvidenceType = builder.objectRef<EvidenceRecord>('Evidence').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    skillId: t.exposeID('skillId'),
    kind: t.exposeString('kind', { description: '`text` or `link` (`file` later).' }),
    text: t.string({ nullable: true, resolve: (e) => e.text ?? null }),
    url: t.string({ nullable: true, resolve: (e) => e.url ?? null }),
    submittedAt: t.exposeString('submittedAt'),
  }),
});

const SubmitEvidenceSuccess = builder
  .objectRef<{ evidence: EvidenceRecord; state: SkillState }>('SubmitEvidenceSuccess')
  .implement({
    fields: (t) => ({
      evidence: t.field({ type: EvidenceType, resolve: (result) => result.evidence }),
      state: t.field({ type: SkillStateType, resolve: (result) => result.state }),
    }),
  });

builder.mutationFields((t) => ({
  submitEvidence: t.withAuth({ learner: true }).field({
    type: SubmitEvidenceSuccess,
    description:
      'The signed-in learner hands in evidence for a skill: a text (at most 5,000 characters) ' +
      'and/or an http(s) link. File uploads are not supported yet.',
    args: {
      skillId: t.arg.id({ required: true }),
      text: t.arg.string({ required: false }),
      url: t.arg.string({ required: false }),
    },
    errors: {
      types: [InvalidEvidence, UnknownProgressSkill, UnknownPerson, InvalidProgressEvent],
      directResult: true,
      union: { name: 'SubmitEvidenceResult' },
    },
    resolve: async (_root, args, context) => {
      const skillId = String(args.skillId);
      const { evidence, progress } = await submitEvidence(context.deps, {
        learnerId: context.viewer.personId,
        skillId,
        ...(args.text == null ? {} : { text: args.text }),
        ...(args.url == null ? {} : { url: args.url }),
      });
      const state = progress.states.get(skillId);
      if (state === undefined) throw new Error(`no state for ${skillId} after recording`);
      return { evidence, state };
    },
  }),
}));
