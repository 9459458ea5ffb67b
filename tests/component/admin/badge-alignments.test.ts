// @vitest-environment node
/**
 * Badge alignments for the curricula overview, read from the badge's public OB 2.0 BadgeClass:
 * framework, code, label and link in the document's order; an entry without a name or with a
 * link that is not http(s) is left out rather than shown wrong; a failed answer is an error.
 */
import { describe, expect, it } from 'vitest';
import {
  alignmentsOf,
  fetchBadgeAlignments,
} from '../../../client/src/pages/admin/curricula/badge-alignments.ts';

const BADGE_CLASS = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'BadgeClass',
  alignment: [
    {
      targetName: 'Construire un environnement numérique',
      targetUrl: 'https://pix.fr/competences',
      targetFramework: 'Pix',
      targetCode: '5.2',
    },
    { targetName: 'Browsing data', targetUrl: 'http://data.europa.eu/esco/skill/1' },
    { targetName: 'Sans lien', targetUrl: 'javascript:alert(1)' },
    { targetUrl: 'https://example.org/no-name' },
    'not an object',
  ],
};

describe('badge alignments', () => {
  it('keeps framework, code, label and link, in order, and leaves out what is not usable', () => {
    expect(alignmentsOf(BADGE_CLASS)).toEqual([
      {
        framework: 'Pix',
        code: '5.2',
        name: 'Construire un environnement numérique',
        url: 'https://pix.fr/competences',
      },
      {
        framework: null,
        code: null,
        name: 'Browsing data',
        url: 'http://data.europa.eu/esco/skill/1',
      },
    ]);
    expect(alignmentsOf({ type: 'BadgeClass' })).toEqual([]);
    expect(alignmentsOf(null)).toEqual([]);
  });

  it('reads /ob2/badges/<curriculum>/<badge>, and throws when the server does not answer it', async () => {
    const asked: string[] = [];
    const ok = async (url: string) => {
      asked.push(url);
      return new Response(JSON.stringify(BADGE_CLASS), { status: 200 });
    };
    expect(await fetchBadgeAlignments('seniors-numerique/premiers-pas', ok)).toHaveLength(2);
    expect(asked).toEqual(['/ob2/badges/seniors-numerique/premiers-pas']);
    const failing = async () => new Response('{}', { status: 500 });
    await expect(fetchBadgeAlignments('bafa/bafa-obtenu', failing)).rejects.toThrow('500');
  });
});
