/**
 * The client's addresses, in French like everything people read. The server sends
 * `index.html` for any of them (server/http/routes/client.ts), so they can be bookmarked.
 */
export const paths = {
  home: '/',
  signIn: '/connexion',
  badges: '/mes-badges',
  settings: '/reglages',
  /** After an account is deleted: `?badges=gardes|revoques` says what became of the badges. */
  goodbye: '/au-revoir',
  /** @param curriculumId e.g. `seniors-numerique`. */
  curriculum: (curriculumId: string) => `/parcours/${encodeURIComponent(curriculumId)}`,
  /** @param skillId a global id, `<curriculum>/<skill>`. */
  skill: (skillId: string) => {
    const [curriculumId = '', localId = ''] = skillId.split('/');
    return `/competences/${encodeURIComponent(curriculumId)}/${encodeURIComponent(localId)}`;
  },
  /** The trainer's area (animation). */
  trainer: {
    home: '/animation',
    /** @param sessionId a workshop session. */
    session: (sessionId: string) => `/animation/seances/${encodeURIComponent(sessionId)}`,
    queue: '/animation/preuves',
    /** @param groupId a group: its progress grid. */
    group: (groupId: string) => `/animation/groupes/${encodeURIComponent(groupId)}`,
    newLearner: '/animation/nouveau-compte',
    /** The printable QR cards of the accounts just created. */
    cards: '/animation/cartes',
  },
  /** The learner's « Mon parcours vers l'emploi » (target jobs, gaps, milestones, sharing). */
  pathway: '/mon-parcours-emploi',
  /** The job counsellor's area. */
  counsellor: {
    home: '/conseil',
    /** @param learnerId a learner the counsellor follows. */
    learner: (learnerId: string) => `/conseil/apprenants/${encodeURIComponent(learnerId)}`,
  },
  /**
   * Where a session's QR code leads: the learner checks in. The code is in the path, not in
   * `?code=`, so it survives the detour through the sign-in page.
   */
  checkIn: (code: string) => `/pointage/${encodeURIComponent(code)}`,
  /** The server's public page where anyone checks a badge (not a client route). */
  verify: '/verify',
} as const;
