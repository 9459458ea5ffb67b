/**
 * The curriculum file format, as zod schemas.
 *
 * One YAML file per curriculum (`curricula/<id>.yaml`). Every object is strict, so a misspelt
 * field is reported instead of silently ignored. The JSON Schema that editors use
 * (`curricula/curriculum.schema.json`) is generated from these schemas by
 * `npm run curricula:schema`; never edit it by hand.
 */
import { z } from 'zod';
import { BADGE_ICON_NAMES } from '../badges/images/badge-icons.ts';

/** Lower-case words joined by dashes: the form of every local id. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A local id, or `<curriculum>/<id>` for a reference into another curriculum. */
const REFERENCE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const Slug = z
  .string()
  .regex(SLUG, 'use lower-case letters, digits and dashes only, e.g. "mot-de-passe-solide"');

export const Reference = z
  .string()
  .regex(
    REFERENCE,
    'write a local id ("mot-de-passe-solide") or "<curriculum>/<id>" ("seniors-numerique/naviguer-sur-le-web")',
  );

const nonEmpty = (language: string) =>
  z
    .string({ error: `add the ${language} text` })
    .trim()
    .min(1, `the ${language} text is empty`);

/** Text shown to people: French first, English second, both required. */
export const LocalizedText = z.strictObject({
  fr: nonEmpty('French (fr)'),
  en: nonEmpty('English (en)'),
});

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'write a full http(s) address, e.g. "https://pix.fr/"',
});

/** Public frameworks we align to. Codes must come from the framework itself, never invented. */
export const Framework = z.enum(['DigComp', 'Pix', 'CRCN', 'ESCO', 'ROME', 'RNCP', 'EntreComp']);

export const Alignment = z
  .strictObject({
    framework: Framework,
    frameworkVersion: z.string().trim().min(1),
    /** The framework's own code: "2.6", "4.2", "M1805", "RNCP37674"; absent for ESCO URIs. */
    code: z.string().trim().min(1).optional(),
    /** The framework's own title of the competence, in its original language. */
    name: z.string().trim().min(1),
    url: httpUrl,
  })
  .superRefine((alignment, ctx) => {
    if (
      alignment.framework === 'ESCO' &&
      !alignment.url.startsWith('http://data.europa.eu/esco/')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message:
          'an ESCO alignment needs its concept URI, e.g. "http://data.europa.eu/esco/skill/<id>"',
      });
    }
    if (alignment.framework !== 'ESCO' && alignment.code === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `a ${alignment.framework} alignment needs the framework's code, e.g. "2.6"`,
      });
    }
  });

export const ActivityKind = z.enum(['workshop', 'exercise', 'resource']);

export const Activity = z
  .strictObject({
    kind: ActivityKind,
    title: LocalizedText,
    description: LocalizedText.optional(),
    /** Expected duration in minutes. */
    durationMinutes: z
      .number()
      .int()
      .positive()
      .max(60 * 24 * 30),
    /** Unplugged activities ("débranché") need no screen. */
    unplugged: z.boolean().optional(),
    url: httpUrl.optional(),
  })
  .superRefine((activity, ctx) => {
    if (activity.kind === 'resource' && activity.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'a resource activity needs the address of the resource (url)',
      });
    }
  });

export const ValidationMethod = z.enum(['trainer', 'evidence', 'jury']);

/** How a skill gets validated. */
export const Validation = z.strictObject({
  /** trainer: observed live; evidence: the learner submits proof a trainer reviews; jury: an outside body decides. */
  methods: z.array(ValidationMethod).min(1),
  /** Whether the learner may assess the skill themselves (it never counts for a badge unless the badge says so). */
  selfAssessment: z.boolean(),
});

export const ProficiencyLevel = z.strictObject({
  /** 1 for the first level, then 2, 3… in order. */
  level: z.number().int().min(1).max(8),
  title: LocalizedText,
  description: LocalizedText.optional(),
});

export const Module = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: LocalizedText.optional(),
});

export const Skill = z
  .strictObject({
    id: Slug,
    title: LocalizedText,
    description: LocalizedText,
    module: Slug,
    /** Position inside the module, from 1. */
    order: z.number().int().min(1),
    prerequisites: z.array(Reference).default([]),
    activities: z.array(Activity).min(1, 'add at least one activity that teaches this skill'),
    validation: Validation,
    levels: z.array(ProficiencyLevel).optional(),
    /** Months after which a validation lapses (first aid, for instance); absent: it never lapses. */
    validityMonths: z.number().int().positive().optional(),
    alignments: z.array(Alignment).default([]),
  })
  .superRefine((skill, ctx) => {
    skill.levels?.forEach((level, index) => {
      if (level.level !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'level'],
          message: `levels must be numbered 1, 2, 3… in order; expected ${index + 1} here`,
        });
      }
    });
  });

/**
 * A badge's criteria: a rule over skills and other badges.
 * `skill` and `badge` accept local ids or `<curriculum>/<id>`.
 */
export type CriteriaRule =
  | { skill: string; minLevel?: number | undefined }
  | { badge: string }
  | { allOf: CriteriaRule[] }
  | { atLeast: number; of: CriteriaRule[] };

export const CriteriaRule: z.ZodType<CriteriaRule> = z.lazy(() =>
  z.union([
    z.strictObject({ skill: Reference, minLevel: z.number().int().min(1).max(8).optional() }),
    z.strictObject({ badge: Reference }),
    z.strictObject({ allOf: z.array(CriteriaRule).min(1) }),
    z
      .strictObject({ atLeast: z.number().int().min(1), of: z.array(CriteriaRule).min(1) })
      .refine((rule) => rule.atLeast <= rule.of.length, {
        message: 'atLeast cannot be larger than the number of items in "of"',
        path: ['atLeast'],
      }),
  ]),
);

/** Icons the badge image generator can draw (defined where they are drawn). */
export const BADGE_ICONS = BADGE_ICON_NAMES;

export const BadgeIcon = z.enum(BADGE_ICONS);

export const BadgeImage = z.strictObject({
  /** Main colour, as #rrggbb. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'write the colour as #rrggbb, e.g. "#2a6f97"'),
  /** Icon drawn in the middle of the badge, from BADGE_ICONS. */
  icon: BadgeIcon,
});

export const Badge = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: LocalizedText,
  /** What the learner did to earn it, in plain words: it becomes the Open Badges criteria narrative. */
  criteriaNarrative: LocalizedText,
  criteria: CriteriaRule,
  /** Whether self-assessed skills count (by default only trainer or jury validations do). */
  acceptsSelfAssessment: z.boolean().default(false),
  /** Months the badge stays valid after issue; absent: it does not expire. */
  validityMonths: z.number().int().positive().optional(),
  alignments: z.array(Alignment).default([]),
  image: BadgeImage,
});

export const Curriculum = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: LocalizedText,
  /** Who it is for, in plain words. */
  audience: LocalizedText,
  modules: z.array(Module).min(1),
  skills: z.array(Skill).min(1),
  badges: z.array(Badge).default([]),
});

export type LocalizedText = z.infer<typeof LocalizedText>;
export type Alignment = z.infer<typeof Alignment>;
export type Activity = z.infer<typeof Activity>;
export type Validation = z.infer<typeof Validation>;
export type ProficiencyLevel = z.infer<typeof ProficiencyLevel>;
export type Module = z.infer<typeof Module>;
export type Skill = z.infer<typeof Skill>;
export type BadgeImage = z.infer<typeof BadgeImage>;
export type Badge = z.infer<typeof Badge>;
export type Curriculum = z.infer<typeof Curriculum>;

/**
 * Job profiles (`curricula/jobs/*.yaml`): the jobs of the employment pathway, each with its
 * ROME 4.0 fiche, its ESCO occupation and the skills and badges that matter for it.
 */
export const JobImportance = z.enum(['required', 'useful']);

const GLOBAL_REFERENCE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const GlobalReference = z
  .string()
  .regex(
    GLOBAL_REFERENCE,
    'write "<curriculum>/<id>", e.g. "parcours-emploi/rediger-son-cv": a job profile belongs to no curriculum',
  );

export const RomeFiche = z.strictObject({
  /** The ROME fiche code: one capital letter and four digits, e.g. "M1805". */
  code: z
    .string()
    .regex(/^[A-N][0-9]{4}$/, 'a ROME code is a letter and four digits, e.g. "M1805"'),
  /** The fiche's label, as France Travail writes it. */
  title: z.string().trim().min(1),
});

export const EscoOccupation = z.strictObject({
  uri: z
    .string()
    .regex(
      /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/,
      'write the ESCO occupation URI, e.g. "http://data.europa.eu/esco/occupation/<uuid>"',
    ),
  /** The occupation's ESCO preferred label, in English. */
  title: z.string().trim().min(1),
});

export const JobSkill = z.strictObject({ skill: GlobalReference, importance: JobImportance });
export const JobBadge = z.strictObject({ badge: GlobalReference, importance: JobImportance });

export const JobProfile = z.strictObject({
  id: Slug,
  title: LocalizedText,
  description: LocalizedText,
  /** Absent when the reference gives no real fiche for this job (never invent a code). */
  rome: RomeFiche.optional(),
  esco: EscoOccupation.optional(),
  skills: z.array(JobSkill).default([]),
  badges: z.array(JobBadge).default([]),
});

export const JobProfilesFile = z.strictObject({
  profiles: z.array(JobProfile).min(1, 'add at least one job profile'),
});

export type JobImportance = z.infer<typeof JobImportance>;
export type JobProfile = z.infer<typeof JobProfile>;
export type JobProfilesFile = z.infer<typeof JobProfilesFile>;
