/**
 * `Evidence` (a text, an http(s) link and/or a file), `Query.evidence` and
 * `Mutation.submitEvidence`. A file's `url` is a short-lived signed link, given only to people
 * allowed to see the evidence, so that an `<img>` tag can show a photo without a Bearer header.
 */
import {
  InvalidProgressEvent,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../app/engine-errors.ts';
import { UnknownEvidence } from '../../app/evidence-files/errors.ts';
import { findVisibleEvidence } from '../../app/evidence-files/evidence-access.ts';
import { signEvidenceLink } from '../../app/evidence-files/signed-link.ts';
import { EvidenceFileRefused, InvalidEvidence } from '../../app/learner/errors.ts';
import { submitEvidence } from '../../app/learner/submit-evidence.ts';
import { Forbidden } from '../../auth/errors.ts';
import { canSeeLearner } from '../../auth/policies.ts';
import type {
  EvidenceFileRecord,
  EvidenceRecord,
} from '../../db/repositories/evidence-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { builder, type GraphqlContext } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { FileScalar } from './file.ts';
import { SkillStateType } from './skill-state.ts';

builder.objectType(InvalidEvidence, {
  name: 'InvalidEvidence',
  description: 'The evidence is empty, too long (5,000 characters) or its link is not http(s).',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(EvidenceFileRefused, {
  name: 'EvidenceFileRefused',
  description:
    'The file is empty, too large, or its content (not its name) is not a photo (JPEG, PNG, ' +
    'WebP, HEIC/HEIF) or a PDF. Nothing was written.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    reason: t.exposeString('reason', {
      description: '`empty`, `too-large` or `type-not-allowed`.',
    }),
    maxBytes: t.exposeInt('maxBytes', { description: 'The largest file accepted, in bytes.' }),
  }),
});

builder.objectType(UnknownEvidence, {
  name: 'UnknownEvidence',
  description: 'No evidence has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ evidenceId: t.exposeString('evidenceId') }),
});

/**
 * Whether the viewer may see the learner's evidence (the rule of `maySeeEvidenceOf`). The
 * memberships come through the request's loader, so a list of evidence from many learners
 * reads them all in one query; the learner themselves and admins need none read.
 */
async function maySee(context: GraphqlContext, learnerId: string): Promise<boolean> {
  const viewer = context.viewer;
  if (viewer === null) return false;
  if (canSeeLearner(viewer, learnerId, [])) return true;
  const [mine, theirs] = await Promise.all([
    context.loaders.activeMemberships(viewer.personId),
    context.loaders.activeMemberships(learnerId),
  ]);
  return canSeeLearner(viewer, learnerId, [...mine, ...theirs]);
}

const EvidenceFileType = builder
  .objectRef<{ evidence: EvidenceRecord; file: EvidenceFileRecord }>('EvidenceFile')
  .implement({
    description: 'A file handed in as evidence (its metadata; the bytes are behind `url`).',
    fields: (t) => ({
      mediaType: t.string({
        description: 'Read from the content at upload, e.g. `image/jpeg` or `application/pdf`.',
        resolve: ({ file }) => file.mediaType,
      }),
      sizeBytes: t.int({ resolve: ({ file }) => file.sizeBytes }),
      name: t.string({
        nullable: true,
        description: 'The original file name, cleaned (a label only).',
        resolve: ({ file }) => file.name ?? null,
      }),
      url: t.string({
        nullable: true,
        description:
          'A link to the bytes, relative to the server, valid 10 minutes, usable without a ' +
          'Bearer header (e.g. in an `<img>` tag). Null for anyone who may not see the evidence.',
        resolve: async ({ evidence }, _args, context) =>
          (await maySee(context, evidence.learnerId))
            ? signEvidenceLink(context.deps.jwtSecret, evidence.id, context.deps.clock())
            : null,
      }),
    }),
  });

/** Evidence a learner handed in. */
export const EvidenceType = builder.objectRef<EvidenceRecord>('Evidence').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    skillId: t.exposeID('skillId'),
    kind: t.exposeString('kind', { description: '`text`, `link` or `file`.' }),
    text: t.string({ nullable: true, resolve: (e) => e.text ?? null }),
    url: t.string({ nullable: true, resolve: (e) => e.url ?? null }),
    file: t.field({
      type: EvidenceFileType,
      nullable: true,
      resolve: (evidence) =>
        evidence.file === undefined ? null : { evidence, file: evidence.file },
    }),
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

builder.queryFields((t) => ({
  evidence: t.withAuth({ signedIn: true }).field({
    type: EvidenceType,
    description:
      'One piece of evidence, for the learner who handed it in, the trainers of their groups ' +
      'and admins (ask again for a fresh file link once the previous one has expired).',
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [Forbidden, UnknownEvidence],
      directResult: true,
      union: { name: 'EvidenceResult' },
    },
    resolve: (_root, args, context) =>
      findVisibleEvidence(context.deps.db, context.viewer, String(args.id)),
  }),
}));

builder.mutationFields((t) => ({
  submitEvidence: t.withAuth({ learner: true }).field({
    type: SubmitEvidenceSuccess,
    description:
      'The signed-in learner hands in evidence for a skill: a text (at most 5,000 characters), ' +
      'an http(s) link and/or a file (a photo — JPEG, PNG, WebP, HEIC — or a PDF, at most ' +
      '10 MB, recognised by its content), sent as a multipart request.',
    args: {
      skillId: t.arg.id({ required: true }),
      text: t.arg.string({ required: false }),
      url: t.arg.string({ required: false }),
      file: t.arg({ type: FileScalar, required: false }),
    },
    errors: {
      types: [
        InvalidEvidence,
        EvidenceFileRefused,
        UnknownProgressSkill,
        UnknownPerson,
        InvalidProgressEvent,
      ],
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
        ...(args.file == null ? {} : { file: args.file }),
      });
      const state = progress.states.get(skillId);
      if (state === undefined) throw new Error(`no state for ${skillId} after recording`);
      return { evidence, state };
    },
  }),
}));
