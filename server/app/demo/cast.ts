/**
 * Who the demo database holds: the staff of Grange Numérique, one workshop group per
 * curriculum, and learners at different stages — children of the Wednesday code club, seniors
 * of the digital café, job seekers of the Labo emploi, BAFA trainees. Names are fixed; every
 * skill and badge id is global (`<curriculum>/<id>`). What each learner did is written as
 * steps that `plan.ts` turns into ledger events.
 */
import type { JuryOutcome } from '../../domain/progress/events.ts';

/** Demo addresses use the reserved `.example` domain: no mail can ever reach anyone. */
export const DEMO_EMAIL_DOMAIN = 'grange.example';

export type TrainerKey = 'sophie' | 'karim';

export interface DemoStaffMember {
  key: string;
  displayName: string;
  email: string;
}

export const DEMO_ADMIN: DemoStaffMember = {
  key: 'nathalie',
  displayName: 'Nathalie Girard',
  email: `nathalie.girard@${DEMO_EMAIL_DOMAIN}`,
};

export const DEMO_TRAINERS: Record<TrainerKey, DemoStaffMember> = {
  sophie: {
    key: 'sophie',
    displayName: 'Sophie Martin',
    email: `sophie.martin@${DEMO_EMAIL_DOMAIN}`,
  },
  karim: {
    key: 'karim',
    displayName: 'Karim Benali',
    email: `karim.benali@${DEMO_EMAIL_DOMAIN}`,
  },
};

export interface DemoGroup {
  curriculumId: string;
  name: string;
  trainer: TrainerKey;
}

/** One group per curriculum, each run by one of the two trainers. */
export const DEMO_GROUPS: readonly DemoGroup[] = [
  { curriculumId: 'coding-kids', name: 'Club code du mercredi', trainer: 'sophie' },
  { curriculumId: 'identite-numerique', name: 'Atelier identité numérique', trainer: 'sophie' },
  { curriculumId: 'bafa', name: 'Promo BAFA de printemps', trainer: 'sophie' },
  { curriculumId: 'seniors-numerique', name: 'Café numérique des aînés', trainer: 'karim' },
  { curriculumId: 'parcours-emploi', name: 'Labo emploi', trainer: 'karim' },
];

/** One thing a learner did, or had done with their trainer. */
export type DemoStep =
  /** Every skill the badge still needs (prerequisites included) validated, in order. */
  | { earn: string }
  /** A trainer validation, at `level` (default: the skill's highest level). */
  | { validate: string; level?: number }
  /** The learner started working on it. */
  | { start: string }
  /** The learner handed in evidence (a text, or a link); no one has reviewed it yet. */
  | { submit: string; link?: string }
  /** The learner tried (evidence or a live attempt) and the trainer asked them to try again. */
  | { reject: string; comment: string }
  /** The learner says they can do it. */
  | { selfAssess: string; level?: number }
  /** An outside jury's decision, recorded by the trainer. */
  | { jury: string; outcome: JuryOutcome; comment?: string }
  /** The trainer takes back a validation given by mistake (badges it completed are flagged). */
  | { withdraw: string; reason: string };

export interface DemoLearner {
  key: string;
  displayName: string;
  /** Who they are, for the console (French). */
  profile: string;
  /** The curriculum of their group. */
  curriculumId: string;
  /** Adults with an email sign in with a password; the others with a learner code and PIN. */
  email?: string;
  isMinor: boolean;
  guardian?: { name: string; contact?: string; scope: string };
  /** When they joined, in days before the seed. */
  joinedDaysAgo: number;
  /** Whether the console shows their sign-in details. */
  showInConsole: boolean;
  steps: readonly DemoStep[];
}

const CODE_CLUB_SCOPE =
  'Suivi des compétences au Club code et badges numériques ; profil non public, aucune photo.';
const BAFA_SCOPE = 'Suivi de la formation BAFA et badges numériques ; profil non public.';
const TEEN_SCOPE = "Suivi de l'atelier identité numérique et badges ; profil non public.";

/** Fourteen learners across the five curricula, from nothing yet to capstone badges. */
export const DEMO_LEARNERS: readonly DemoLearner[] = [
  {
    key: 'lucas',
    displayName: 'Lucas Petit',
    profile: 'enfant, 9 ans — vient de s’inscrire',
    curriculumId: 'coding-kids',
    isMinor: true,
    guardian: { name: 'Aurélie Petit', contact: '06 12 34 56 78', scope: CODE_CLUB_SCOPE },
    joinedDaysAgo: 2,
    showInConsole: false,
    steps: [],
  },
  {
    key: 'emma',
    displayName: 'Emma Roux',
    profile: 'enfant, 10 ans — Petit robot, bloquée sur les boucles',
    curriculumId: 'coding-kids',
    isMinor: true,
    guardian: { name: 'Stéphane Roux', scope: CODE_CLUB_SCOPE },
    joinedDaysAgo: 40,
    showInConsole: true,
    steps: [
      { earn: 'coding-kids/petit-robot' },
      { validate: 'coding-kids/sequence-d-instructions' },
      {
        reject: 'coding-kids/boucle-repeter',
        comment: 'Ton carré n’a que trois côtés : compte combien de fois il faut répéter.',
      },
      { start: 'coding-kids/lutins-et-costumes' },
    ],
  },
  {
    key: 'nathan',
    displayName: 'Nathan Fournier',
    profile: 'enfant, 11 ans — badge final Jeune codeur·euse',
    curriculumId: 'coding-kids',
    isMinor: true,
    guardian: { name: 'Céline Fournier', contact: 'celine.f@example.org', scope: CODE_CLUB_SCOPE },
    joinedDaysAgo: 58,
    showInConsole: true,
    steps: [{ earn: 'coding-kids/jeune-codeur' }],
  },
  {
    key: 'chloe',
    displayName: 'Chloé Garnier',
    profile: 'enfant, 12 ans — premier jeu Scratch déposé',
    curriculumId: 'coding-kids',
    isMinor: true,
    guardian: { name: 'Julie Garnier', scope: CODE_CLUB_SCOPE },
    joinedDaysAgo: 50,
    showInConsole: false,
    steps: [
      { earn: 'coding-kids/petit-robot' },
      { earn: 'coding-kids/boucles' },
      { earn: 'coding-kids/evenements' },
      { selfAssess: 'coding-kids/variables' },
      { submit: 'coding-kids/creer-un-projet-scratch' },
    ],
  },
  {
    key: 'jeannine',
    displayName: 'Jeannine Dubois',
    profile: 'retraitée, 74 ans — Internet au quotidien',
    curriculumId: 'seniors-numerique',
    isMinor: false,
    joinedDaysAgo: 45,
    showInConsole: true,
    steps: [
      { earn: 'seniors-numerique/premiers-pas' },
      { earn: 'seniors-numerique/internet-au-quotidien' },
      { start: 'seniors-numerique/creer-une-adresse-mail' },
      // Her "Internet au quotidien" badge stays, flagged for the admin to decide.
      {
        withdraw: 'seniors-numerique/reperer-un-site-officiel',
        reason:
          'À revoir : à la dernière séance, elle a pris un site payant pour le site officiel des impôts.',
      },
    ],
  },
  {
    key: 'michel',
    displayName: 'Michel Lambert',
    profile: 'retraité, 68 ans — badge final Autonome au quotidien',
    curriculumId: 'seniors-numerique',
    isMinor: false,
    joinedDaysAgo: 60,
    showInConsole: false,
    steps: [{ earn: 'seniors-numerique/autonome-au-quotidien' }],
  },
  {
    key: 'odette',
    displayName: 'Odette Mercier',
    profile: 'retraitée, 81 ans — première séance la semaine prochaine',
    curriculumId: 'seniors-numerique',
    isMinor: false,
    joinedDaysAgo: 1,
    showInConsole: false,
    steps: [],
  },
  {
    key: 'gerard',
    displayName: 'Gérard Bonnet',
    profile: 'retraité, 70 ans — messagerie en cours',
    curriculumId: 'seniors-numerique',
    email: `gerard.bonnet@${DEMO_EMAIL_DOMAIN}`,
    isMinor: false,
    joinedDaysAgo: 35,
    showInConsole: false,
    steps: [
      { earn: 'seniors-numerique/premiers-pas' },
      { earn: 'seniors-numerique/internet-au-quotidien' },
      { validate: 'seniors-numerique/creer-une-adresse-mail' },
      {
        reject: 'seniors-numerique/envoyer-un-mail',
        comment:
          'Le mail est parti sans objet et à la mauvaise adresse : on le refait ensemble jeudi.',
      },
    ],
  },
  {
    key: 'ines',
    displayName: 'Inès Chevalier',
    profile: 'lycéenne, 16 ans — identité numérique',
    curriculumId: 'identite-numerique',
    isMinor: true,
    guardian: { name: 'Malika Chevalier', contact: '06 98 76 54 32', scope: TEEN_SCOPE },
    joinedDaysAgo: 30,
    showInConsole: false,
    steps: [
      { earn: 'identite-numerique/premiers-pas-identite-numerique' },
      { earn: 'identite-numerique/respect-en-ligne' },
      {
        reject: 'identite-numerique/regler-sa-confidentialite',
        comment:
          'Ton profil est encore visible par tout le monde : vérifie qui peut voir tes publications.',
      },
    ],
  },
  {
    key: 'yasmine',
    displayName: 'Yasmine Haddad',
    profile: 'demandeuse d’emploi — badge final Prêt pour l’emploi',
    curriculumId: 'parcours-emploi',
    email: `yasmine.haddad@${DEMO_EMAIL_DOMAIN}`,
    isMinor: false,
    joinedDaysAgo: 75,
    showInConsole: true,
    steps: [{ earn: 'parcours-emploi/pret-pour-l-emploi' }],
  },
  {
    key: 'thomas',
    displayName: 'Thomas Robin',
    profile: 'demandeur d’emploi — CV en relecture',
    curriculumId: 'parcours-emploi',
    email: `thomas.robin@${DEMO_EMAIL_DOMAIN}`,
    isMinor: false,
    joinedDaysAgo: 28,
    showInConsole: false,
    steps: [
      { earn: 'parcours-emploi/projet-professionnel' },
      { validate: 'parcours-emploi/rediger-son-cv', level: 1 },
      {
        reject: 'parcours-emploi/ecrire-une-lettre-de-motivation',
        comment:
          'La lettre est générique : reprends deux exigences de l’offre et montre que tu y réponds.',
      },
      { submit: 'parcours-emploi/rediger-son-cv' },
      {
        submit: 'parcours-emploi/ecrire-une-lettre-de-motivation',
        link: `https://docs.${DEMO_EMAIL_DOMAIN}/thomas-robin/lettre-de-motivation-v2`,
      },
      // Entered on his record by mistake; the admin then revokes the badge it completed.
      {
        withdraw: 'parcours-emploi/explorer-les-metiers',
        reason: 'Saisie sur la mauvaise fiche : c’est l’enquête métier de Sandrine.',
      },
    ],
  },
  {
    key: 'sandrine',
    displayName: 'Sandrine Morel',
    profile: 'demandeuse d’emploi — projet de création d’activité',
    curriculumId: 'parcours-emploi',
    email: `sandrine.morel@${DEMO_EMAIL_DOMAIN}`,
    isMinor: false,
    joinedDaysAgo: 20,
    showInConsole: false,
    steps: [
      { selfAssess: 'parcours-emploi/connaitre-ses-forces' },
      { earn: 'parcours-emploi/idee-d-entreprendre' },
      { start: 'parcours-emploi/construire-son-modele-economique' },
    ],
  },
  {
    key: 'lea',
    displayName: 'Léa Fontaine',
    profile: 'stagiaire BAFA, 19 ans — en attente du jury',
    curriculumId: 'bafa',
    email: `lea.fontaine@${DEMO_EMAIL_DOMAIN}`,
    isMinor: false,
    joinedDaysAgo: 80,
    showInConsole: true,
    // The three steps are validated; the jury has not met yet, so the BAFA is not awarded.
    steps: [
      { earn: 'bafa/formation-generale-validee' },
      { earn: 'bafa/stage-pratique-valide' },
      { earn: 'bafa/approfondissement-valide' },
    ],
  },
  {
    key: 'hugo',
    displayName: 'Hugo Perrin',
    profile: 'stagiaire BAFA, 17 ans — en stage pratique',
    curriculumId: 'bafa',
    isMinor: true,
    guardian: { name: 'Isabelle Perrin', contact: '02 47 00 00 00', scope: BAFA_SCOPE },
    joinedDaysAgo: 55,
    showInConsole: false,
    steps: [{ earn: 'bafa/formation-generale-validee' }, { start: 'bafa/stage-pratique' }],
  },
];

/** A badge the admin revokes after the validation behind it was withdrawn. */
export const DEMO_REVOCATION = {
  learnerKey: 'thomas',
  badgeId: 'parcours-emploi/projet-professionnel',
  reason:
    'Délivré après une erreur de saisie : « Explorer les métiers » n’était pas encore acquise. Le badge sera délivré à nouveau quand elle le sera.',
} as const;

/** The Labo emploi's job counsellor: she follows the job seekers' pathways. */
export const DEMO_COUNSELLOR: DemoStaffMember = {
  key: 'claire',
  displayName: 'Claire Vasseur',
  email: `claire.vasseur@${DEMO_EMAIL_DOMAIN}`,
};

/** A milestone reached, and who recorded it. */
export interface DemoMilestone {
  milestoneId: string;
  /** Reached this many days before the seed. */
  daysAgo: number;
  by: 'learner' | 'counsellor';
}

/** A job seeker's pathway record, followed by the counsellor. */
export interface DemoPathway {
  learnerKey: string;
  /** Job profile ids (`curricula/jobs/`), most wanted first. */
  targetJobs: readonly string[];
  milestones: readonly DemoMilestone[];
  /** The counsellor's private notes: never shown to the learner nor on a share. */
  notes: readonly string[];
}

/** Two followed job seekers of the Labo emploi; one counsellor note in all. */
export const DEMO_PATHWAYS: readonly DemoPathway[] = [
  {
    learnerKey: 'yasmine',
    targetJobs: ['assistant-administratif', 'conseiller-assistance-client'],
    milestones: [
      { milestoneId: 'projet-professionnel-defini', daysAgo: 50, by: 'counsellor' },
      { milestoneId: 'cv-pret', daysAgo: 30, by: 'learner' },
      { milestoneId: 'premier-entretien', daysAgo: 6, by: 'counsellor' },
    ],
    notes: [
      'Entretien chez un bailleur social bien passé ; à préparer : parler de ses horaires de garde sans se dévaloriser.',
    ],
  },
  {
    learnerKey: 'thomas',
    targetJobs: ['technicien-support'],
    milestones: [{ milestoneId: 'projet-professionnel-defini', daysAgo: 15, by: 'counsellor' }],
    notes: [],
  },
];
