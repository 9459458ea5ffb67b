/**
 * The milestones of an employment pathway: a fixed list, in the order people usually reach
 * them, with stable ids (stored in `pathway_milestones`) and the labels people read.
 */

export const MILESTONE_IDS = [
  'projet-professionnel-defini',
  'cv-pret',
  'lettre-motivation-prete',
  'premier-entretien',
  'immersion-realisee',
  'formation-trouvee',
  'emploi-ou-creation',
] as const;

export type MilestoneId = (typeof MILESTONE_IDS)[number];

export interface MilestoneDefinition {
  id: MilestoneId;
  label: { fr: string; en: string };
}

/** Every milestone, in pathway order. */
export const MILESTONES: readonly MilestoneDefinition[] = [
  {
    id: 'projet-professionnel-defini',
    label: { fr: 'Projet professionnel défini', en: 'Career plan defined' },
  },
  { id: 'cv-pret', label: { fr: 'CV prêt', en: 'CV ready' } },
  {
    id: 'lettre-motivation-prete',
    label: { fr: 'Lettre de motivation prête', en: 'Cover letter ready' },
  },
  { id: 'premier-entretien', label: { fr: 'Premier entretien passé', en: 'First interview done' } },
  {
    // PMSMP: « période de mise en situation en milieu professionnel », a short work placement.
    id: 'immersion-realisee',
    label: {
      fr: 'Immersion en entreprise réalisée (PMSMP)',
      en: 'Work placement done (PMSMP)',
    },
  },
  { id: 'formation-trouvee', label: { fr: 'Formation trouvée', en: 'Training found' } },
  {
    id: 'emploi-ou-creation',
    label: { fr: 'Emploi trouvé ou activité créée', en: 'Job found or business started' },
  },
];

/** @returns whether `value` is the id of a milestone. */
export function isMilestoneId(value: string): value is MilestoneId {
  return (MILESTONE_IDS as readonly string[]).includes(value);
}
