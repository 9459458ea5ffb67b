/**
 * A target job's gap as the learner reads it: what is covered and what is missing said in
 * words (with "indispensable" / "un plus", never by colour alone), the progress in words, and
 * « À apprendre ensuite » in the API's order (prerequisites first), each skill linking to its
 * page with the workshops and sessions that teach it.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { gapView, namesFrom } from '../../../client/src/pages/pathway/gap-view.ts';
import type { Catalog, PathwayTarget } from '../../../client/src/pages/pathway/pathway-queries.ts';
import { TargetGap } from '../../../client/src/pages/pathway/target-gap.tsx';
import { renderInApp } from '../support/render.tsx';

const text = (fr: string) => ({ fr, en: `${fr} (en)` });

const CATALOG: Catalog = {
  curricula: [
    {
      skills: [
        { id: 'emploi/cv', title: text('Rédiger son CV') },
        { id: 'emploi/mail', title: text('Écrire un e-mail') },
        { id: 'emploi/tableur', title: text('Utiliser un tableur') },
        { id: 'emploi/agenda', title: text('Tenir un agenda partagé') },
      ],
      badges: [{ id: 'emploi/pret', title: text('Prêt pour l’emploi') }],
    },
  ],
};

const TARGET: PathwayTarget = {
  chosenAt: '2026-11-01T10:00:00.000Z',
  job: {
    id: 'assistant-administratif',
    title: text('Assistant administratif'),
    romeCode: 'M1602',
    romeTitle: 'Opérations administratives',
  },
  gap: {
    requiredCovered: 2,
    requiredTotal: 4,
    usefulCovered: 0,
    usefulTotal: 1,
    reachable: true,
    skills: [
      { skillId: 'emploi/agenda', covered: false, importance: 'USEFUL' },
      { skillId: 'emploi/cv', covered: true, importance: 'REQUIRED' },
      { skillId: 'emploi/tableur', covered: false, importance: 'REQUIRED' },
      { skillId: 'emploi/mail', covered: true, importance: 'REQUIRED' },
    ],
    badges: [{ badgeId: 'emploi/pret', covered: false, importance: 'REQUIRED' }],
    // Prerequisites first: the tableur before the agenda.
    skillsToLearn: ['emploi/tableur', 'emploi/agenda'],
  },
  nextSteps: [
    // The API's list in another order: the page keeps `skillsToLearn`'s.
    {
      skillId: 'emploi/agenda',
      activities: [{ title: text('Lire la fiche agenda'), kind: 'RESOURCE' }],
      sessions: [],
    },
    {
      skillId: 'emploi/tableur',
      activities: [{ title: text('Atelier tableur'), kind: 'WORKSHOP' }],
      sessions: [
        {
          id: 's1',
          title: 'Tableur pas à pas',
          startsAt: '2026-12-03T13:00:00.000Z',
          endsAt: '2026-12-03T15:00:00.000Z',
        },
      ],
    },
  ],
};

const plain = (s: string | null) =>
  (s ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('gapView', () => {
  it('splits covered from missing, required first, and keeps the order of skillsToLearn', () => {
    const view = gapView(
      TARGET,
      namesFrom(CATALOG, (t) => t.fr),
      (t) => t.fr,
    );
    expect(view.covered.map((i) => i.title)).toEqual(['Rédiger son CV', 'Écrire un e-mail']);
    expect(view.missing.map((i) => [i.title, i.importance])).toEqual([
      ['Utiliser un tableur', 'REQUIRED'],
      ['Prêt pour l’emploi', 'REQUIRED'],
      ['Tenir un agenda partagé', 'USEFUL'],
    ]);
    expect(view.nextSteps.map((s) => s.skillId)).toEqual(['emploi/tableur', 'emploi/agenda']);
    // Only workshops are named as workshops; a reading is not one.
    expect(view.nextSteps[0]?.workshops).toEqual(['Atelier tableur']);
    expect(view.nextSteps[1]?.workshops).toEqual([]);
  });

  it('names an unknown skill by its id rather than hiding it', () => {
    const view = gapView(
      TARGET,
      namesFrom({ curricula: [] }, (t) => t.fr),
      (t) => t.fr,
    );
    expect(view.missing[0]?.title).toBe('emploi/tableur');
  });
});

describe('TargetGap', () => {
  function renderGap(locale: 'fr' | 'en' = 'fr') {
    return renderInApp(
      <ul>
        <TargetGap target={TARGET} names={namesFrom(CATALOG, (t) => t[locale])} />
      </ul>,
      { locale },
    );
  }

  it('says covered and missing in words, with the progress as text', () => {
    renderGap();
    expect(screen.getByRole('heading', { name: 'Assistant administratif' })).toBeDefined();
    expect(plain(document.body.textContent)).toContain(
      'Fiche ROME M1602 : Opérations administratives',
    );
    const bar = screen.getByRole('progressbar');
    expect(plain(bar.getAttribute('aria-valuetext'))).toBe(
      '2 éléments indispensables acquis sur 4',
    );

    const coveredList = screen.getByRole('heading', { name: 'Ce que vous avez déjà' })
      .nextElementSibling as HTMLElement;
    expect(
      within(coveredList)
        .getAllByRole('listitem')
        .map((li) => plain(li.textContent)),
    ).toEqual(['✓ Rédiger son CV (indispensable)', '✓ Écrire un e-mail (indispensable)']);

    const missingList = screen.getByRole('heading', { name: 'Ce qui vous manque' })
      .nextElementSibling as HTMLElement;
    expect(
      within(missingList)
        .getAllByRole('listitem')
        .map((li) => plain(li.textContent)),
    ).toEqual([
      '○ Utiliser un tableur (indispensable)',
      '○ Badge « Prêt pour l’emploi » (indispensable)',
      '○ Tenir un agenda partagé (un plus)',
    ]);
  });

  it('lists the next steps in order, each linking to its skill, with workshop and session', () => {
    renderGap();
    const steps = screen.getByRole('heading', { name: 'À apprendre ensuite' })
      .nextElementSibling as HTMLElement;
    expect(steps.tagName).toBe('OL');
    const items = Array.from(steps.children) as HTMLElement[];
    expect(items).toHaveLength(2);
    const first = within(items[0] as HTMLElement).getByRole('link', {
      name: 'Utiliser un tableur',
    });
    expect(first.getAttribute('href')).toBe('/competences/emploi/tableur');
    expect(plain(items[0]?.textContent ?? '')).toContain('Atelier : Atelier tableur');
    expect(plain(items[0]?.textContent ?? '')).toContain(
      'Prochaine séance : Tableur pas à pas, le 3 décembre 2026',
    );
    expect(
      within(items[1] as HTMLElement).getByRole('link', { name: 'Tenir un agenda partagé' }),
    ).toBeDefined();
  });

  it('reads in English too', () => {
    renderGap('en');
    expect(screen.getByRole('heading', { name: 'Learn next' })).toBeDefined();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '2 needed items of 4 acquired',
    );
  });
});
