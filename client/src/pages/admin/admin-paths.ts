/**
 * The addresses of the admin area (French, like every address of the client). Kept beside the
 * admin pages rather than in `app/paths.ts`: only the route table and the shell's menu link
 * import this small module.
 */
const enc = encodeURIComponent;

export const adminPaths = {
  home: '/admin',
  people: '/admin/personnes',
  newStaffAccount: '/admin/personnes/nouveau-compte',
  /**
   * @param personId the person's id.
   * @param name their name, if known: the page finds them faster (the API lists people, it has
   *   no "one person" query).
   */
  person: (personId: string, name?: string) =>
    `/admin/personnes/${enc(personId)}${name === undefined ? '' : `?nom=${enc(name)}`}`,
  groups: '/admin/groupes',
  group: (groupId: string) => `/admin/groupes/${enc(groupId)}`,
  curricula: '/admin/parcours',
  curriculum: (curriculumId: string) => `/admin/parcours/${enc(curriculumId)}`,
  keys: '/admin/cles',
  awards: '/admin/badges',
  /**
   * @param awardId the award's id.
   * @param learnerId its learner, if known: the page finds the award among theirs.
   */
  award: (awardId: string, learnerId?: string) =>
    `/admin/badges/${enc(awardId)}${learnerId === undefined ? '' : `?apprenant=${enc(learnerId)}`}`,
  bulkAward: '/admin/attribution-groupee',
  jury: '/admin/jury',
} as const;
