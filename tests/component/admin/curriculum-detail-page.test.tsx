/**
 * One curriculum in the admin's overview, from a single GraphQL answer: each skill's row carries
 * its alignments (framework and code, the name as a link); each badge lists the skills its
 * criteria name as links to those rows (a skill of another curriculum by its title, without a
 * link), its criteria in words and its alignments table ("—" where a framework has no code). No
 * other request: nothing is read from the public Open Badges documents any more.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Route, Switch } from 'wouter';
import type { LocalizedText } from '../../../client/src/app/graphql.ts';
import type {
  Alignment,
  CatalogBadge,
  CatalogCurriculum,
  CatalogSkill,
} from '../../../client/src/pages/admin/curricula/curricula-queries.ts';
import {
  CurriculumDetailPage,
  skillAnchor,
} from '../../../client/src/pages/admin/curricula/curriculum-detail-page.tsx';
import { renderAdmin } from './admin-test-app.tsx';

function text(fr: string): LocalizedText {
  return { fr, en: fr };
}

const DIGCOMP_IDENTITY: Alignment = {
  framework: 'DigComp',
  frameworkVersion: '2.2',
  code: '2.6',
  name: 'Managing digital identity',
  url: 'https://publications.jrc.ec.europa.eu/repository/handle/JRC128415',
};
const ESCO_IDENTITY: Alignment = {
  framework: 'ESCO',
  frameworkVersion: '1.2.0',
  code: null,
  name: 'digital identity management',
  url: 'http://data.europa.eu/esco/skill/abc',
};
const PIX_PASSWORDS: Alignment = {
  framework: 'Pix',
  frameworkVersion: 'référentiel Pix',
  code: '4.1',
  name: 'Sécuriser l’environnement numérique',
  url: 'https://pix.fr/competences',
};

function skill(id: string, title: string, order: number, alignments: Alignment[]): CatalogSkill {
  return {
    id,
    title: text(title),
    module: 'comptes',
    order,
    prerequisiteIds: [],
    validationMethods: ['TRAINER'],
    selfAssessment: false,
    validityMonths: null,
    levels: [],
    alignments,
  };
}

function badge(id: string, title: string, extra: Partial<CatalogBadge>): CatalogBadge {
  return {
    id,
    title: text(title),
    description: text(`Description de ${title}.`),
    criteriaNarrative: text(`Critères de ${title}.`),
    criteriaSkillIds: [],
    alignments: [],
    ...extra,
  };
}

const IDENTITE: CatalogCurriculum = {
  id: 'identite-numerique',
  title: text('Mon identité numérique'),
  description: text('Se protéger en ligne.'),
  modules: [{ id: 'comptes', title: text('Mes comptes') }],
  skills: [
    skill('identite-numerique/mot-de-passe', 'Choisir un mot de passe', 1, [PIX_PASSWORDS]),
    skill('identite-numerique/traces', 'Connaître ses traces', 2, [
      DIGCOMP_IDENTITY,
      ESCO_IDENTITY,
    ]),
  ],
  badges: [
    badge('identite-numerique/identite-protegee', 'Identité protégée', {
      criteriaSkillIds: [
        'identite-numerique/traces',
        'identite-numerique/mot-de-passe',
        'seniors-numerique/wifi',
      ],
      criteriaNarrative: text('La personne protège ses comptes et connaît ses traces.'),
      alignments: [DIGCOMP_IDENTITY, ESCO_IDENTITY],
    }),
    badge('identite-numerique/parcours-complet', 'Parcours complet', {}),
  ],
};

const OTHER: CatalogCurriculum = {
  id: 'seniors-numerique',
  title: text('Le numérique au quotidien'),
  description: text('Les bases.'),
  modules: [{ id: 'comptes', title: text('Premiers pas') }],
  skills: [skill('seniors-numerique/wifi', 'Se connecter au Wi-Fi', 1, [])],
  badges: [],
};

function renderCurriculum() {
  return renderAdmin(
    <Switch>
      <Route path="/admin/parcours/:curriculumId">
        {(params) => <CurriculumDetailPage curriculumId={params.curriculumId} />}
      </Route>
    </Switch>,
    () => ({ curricula: [OTHER, IDENTITE] }),
    '/admin/parcours/identite-numerique',
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a curriculum in the admin overview', () => {
  it('asks for the criteria skills and alignments in its one GraphQL request', async () => {
    const direct = vi.spyOn(globalThis, 'fetch');
    const { requests } = renderCurriculum();
    await screen.findByRole('heading', { level: 3, name: 'Identité protégée' });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.query).toMatch(/criteriaSkillIds/);
    expect(requests[0]?.query).toMatch(/alignments \{ framework frameworkVersion code name url \}/);
    // No request beside the API's: no /ob2 document is read.
    expect(direct).not.toHaveBeenCalled();
  });

  it('shows each skill’s alignments in its row', async () => {
    renderCurriculum();
    const table = await screen.findByRole('table', { name: 'Mes comptes' });
    expect(within(table).getByRole('columnheader', { name: 'Référentiels' })).toBeTruthy();
    const traces = within(table).getByRole('rowheader', { name: 'Connaître ses traces' })
      .parentElement as HTMLElement;
    expect(traces.id).toBe(skillAnchor('identite-numerique/traces'));
    const items = within(traces).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/\u00a0/g, ' '))).toEqual([
      'DigComp 2.6 : Managing digital identity',
      'ESCO : digital identity management',
    ]);
    expect(
      within(traces).getByRole('link', { name: 'Managing digital identity' }).getAttribute('href'),
    ).toBe(DIGCOMP_IDENTITY.url);
    const password = within(table).getByRole('rowheader', { name: 'Choisir un mot de passe' })
      .parentElement as HTMLElement;
    expect(within(password).getByRole('link', { name: PIX_PASSWORDS.name })).toBeTruthy();
  });

  it('lists each badge’s criteria skills as links to their rows, its criteria and alignments', async () => {
    renderCurriculum();
    const heading = await screen.findByRole('heading', { level: 3, name: 'Identité protégée' });
    const item = heading.closest('li') as HTMLElement;
    const skills = within(item).getByRole('list', { name: 'Compétences demandées :' });
    const links = within(skills).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Connaître ses traces', `#${skillAnchor('identite-numerique/traces')}`],
      ['Choisir un mot de passe', `#${skillAnchor('identite-numerique/mot-de-passe')}`],
    ]);
    // Every link leads to a row of this page.
    for (const link of links) {
      const target = document.getElementById((link.getAttribute('href') ?? '').slice(1));
      expect(target?.tagName).toBe('TR');
    }
    // A skill of another curriculum: its title, no link to a row that is not here.
    expect(within(skills).getAllByRole('listitem').at(-1)?.textContent).toBe(
      'Se connecter au Wi-Fi',
    );
    expect(
      within(item).getByText('La personne protège ses comptes et connaît ses traces.'),
    ).toBeTruthy();

    const alignments = within(item).getByRole('table', {
      name: /^Référentiels du badge «\s*Identité protégée\s*»$/,
    });
    const rows = within(alignments).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['DigComp', '2.2', '2.6', 'Ouvrir Managing digital identity'],
      ['ESCO', '1.2.0', '—', 'Ouvrir digital identity management'],
    ]);
    expect(within(alignments).getByRole('rowheader', { name: ESCO_IDENTITY.name })).toBeTruthy();
    expect(
      within(alignments)
        .getByRole('link', { name: 'Ouvrir digital identity management' })
        .getAttribute('href'),
    ).toBe(ESCO_IDENTITY.url);
  });

  it('says when a badge names no skill directly and has no alignment', async () => {
    renderCurriculum();
    const heading = await screen.findByRole('heading', { level: 3, name: 'Parcours complet' });
    const item = heading.closest('li') as HTMLElement;
    expect(within(item).queryByRole('list')).toBeNull();
    expect(within(item).getByText(/aucune directement/)).toBeTruthy();
    expect(within(item).getByText("Ce badge n'est rattaché à aucun référentiel.")).toBeTruthy();
    expect(within(item).queryByRole('table')).toBeNull();
  });
});
