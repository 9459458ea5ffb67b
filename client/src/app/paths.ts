/**
 * The client's addresses, in French like everything people read. The server sends
 * `index.html` for any of them (server/http/routes/client.ts), so they can be bookmarked.
 */
export const paths = {
  home: '/',
  signIn: '/connexion',
  badges: '/mes-badges',
  settings: '/reglages',
  /** @param curriculumId e.g. `seniors-numerique`. */
  curriculum: (curriculumId: string) => `/parcours/${encodeURIComponent(curriculumId)}`,
  /** @param skillId a global id, `<curriculum>/<skill>`. */
  skill: (skillId: string) => {
    const [curriculumId = '', localId = ''] = skillId.split('/');
    return `/competences/${encodeURIComponent(curriculumId)}/${encodeURIComponent(localId)}`;
  },
  /** The server's public page where anyone checks a badge (not a client route). */
  verify: '/verify',
} as const;
