/**
 * The group progress grid: every cell carries its status in colour, in a symbol and in words
 * (never colour alone), the legend names every colour and symbol, and the text view tells
 * screen-reader users exactly what the table shows.
 */
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATUS_SYMBOL } from '../../../client/src/components/skill-status.ts';
import {
  type GridRow,
  type GridSkill,
  ProgressLegend,
  ProgressTable,
  ProgressText,
} from '../../../client/src/pages/trainer/progress/progress-views.tsx';
import { renderInApp } from '../support/render.tsx';

const SKILLS: GridSkill[] = [
  { id: 's/allumer', title: 'Allumer et éteindre son appareil' },
  { id: 's/wifi', title: 'Se connecter au wifi' },
  { id: 's/mail', title: 'Envoyer et recevoir des mails' },
];

const ROWS: GridRow[] = [
  {
    learnerId: 'p-jeannine',
    displayName: 'Jeannine Dubois',
    cells: [
      { skillId: 's/allumer', status: 'VALIDATED', level: null },
      { skillId: 's/wifi', status: 'WITHDRAWN', level: null },
      { skillId: 's/mail', status: 'SUBMITTED', level: null },
    ],
  },
  {
    learnerId: 'p-odette',
    displayName: 'Odette Mercier',
    cells: [
      { skillId: 's/allumer', status: 'AVAILABLE', level: null },
      { skillId: 's/wifi', status: 'LOCKED', level: null },
      { skillId: 's/mail', status: 'VALIDATED', level: 2 },
    ],
  },
];

const WORDS = {
  VALIDATED: 'Acquise',
  SUBMITTED: 'En attente de validation',
  IN_PROGRESS: 'En cours',
  AVAILABLE: 'À commencer',
  EXPIRED: 'À renouveler',
  WITHDRAWN: 'À refaire',
  LOCKED: 'Pas encore ouverte',
} as const;

/** The status a class name like `grid-cell status-in_progress` gives an element. */
function statusClass(element: Element): string | undefined {
  return [...element.classList].find((c) => c.startsWith('status-'))?.slice('status-'.length);
}

describe('the progress grid', () => {
  it('has sticky headers: learners as row headers, skills as column headers, in a scrolling region', () => {
    renderInApp(<ProgressTable skills={SKILLS} rows={ROWS} caption="Progression du groupe" />);
    const region = screen.getByRole('region', { name: 'Progression du groupe' });
    // Keyboard users can reach the region to scroll it sideways.
    expect(region.tabIndex).toBe(0);
    const table = within(region).getByRole('table', { name: 'Progression du groupe' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Apprenant', ...SKILLS.map((s) => s.title)]);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Jeannine Dubois', 'Odette Mercier']);
  });

  it('gives each cell its colour, its symbol and its status in words', () => {
    renderInApp(<ProgressTable skills={SKILLS} rows={ROWS} caption="Progression" />);
    for (const row of ROWS) {
      const tr = screen.getByRole('rowheader', { name: row.displayName }).closest('tr');
      if (tr === null) throw new Error(`no row for ${row.displayName}`);
      const cells = within(tr).getAllByRole('cell');
      expect(cells).toHaveLength(SKILLS.length);
      row.cells.forEach((cell, i) => {
        const td = cells[i] as HTMLElement;
        expect(statusClass(td)).toBe(cell.status.toLowerCase());
        const symbol = td.querySelector('[aria-hidden="true"]');
        expect(symbol?.textContent).toBe(STATUS_SYMBOL[cell.status]);
        const words = td.querySelector('.visually-hidden')?.textContent;
        expect(words).toBe(
          cell.level === null ? WORDS[cell.status] : `${WORDS[cell.status]}, niveau ${cell.level}`,
        );
      });
    }
    // Two different statuses never look the same without colour.
    expect(new Set(Object.values(STATUS_SYMBOL)).size).toBe(Object.keys(STATUS_SYMBOL).length);
  });

  it('has a legend naming every colour and symbol', () => {
    renderInApp(<ProgressLegend />);
    const legend = screen.getByRole('list', { name: 'Légende' });
    const items = within(legend).getAllByRole('listitem');
    expect(items).toHaveLength(Object.keys(WORDS).length);
    for (const [status, words] of Object.entries(WORDS)) {
      const item = items.find((li) => li.textContent?.includes(words));
      const label = item?.querySelector('.status');
      expect(label, status).toBeTruthy();
      expect(statusClass(label as Element)).toBe(status.toLowerCase());
      expect(label?.textContent).toBe(
        `${STATUS_SYMBOL[status as keyof typeof STATUS_SYMBOL]} ${words}`,
      );
    }
  });

  it('tells in its text view exactly what the table shows, learner by learner', () => {
    const { unmount } = renderInApp(
      <ProgressTable skills={SKILLS} rows={ROWS} caption="Progression" />,
    );
    const fromTable = [...document.querySelectorAll('tbody tr')].flatMap((tr) =>
      [...tr.querySelectorAll('td')].map((td) => ({
        learner: tr.querySelector('th')?.textContent,
        skill: td.getAttribute('data-skill-id'),
        colour: statusClass(td),
        words: td.querySelector('.visually-hidden')?.textContent,
      })),
    );
    unmount();

    renderInApp(<ProgressText skills={SKILLS} rows={ROWS} />);
    const fromText = ROWS.flatMap((row) => {
      const heading = screen.getByRole('heading', { name: row.displayName });
      const list = heading.nextElementSibling as HTMLElement;
      return within(list)
        .getAllByRole('listitem')
        .map((li) => {
          const label = li.querySelector('.status') as Element;
          const title = SKILLS.find((s) => s.id === li.getAttribute('data-skill-id'))?.title;
          expect(li.textContent?.startsWith(`${title}\u00a0:`)).toBe(true);
          const level = /niveau (\d+)/.exec(li.textContent ?? '')?.[1];
          return {
            learner: row.displayName,
            skill: li.getAttribute('data-skill-id'),
            colour: statusClass(label),
            words: `${label.textContent?.replace(/^\S+ /, '')}${level === undefined ? '' : `, niveau ${level}`}`,
          };
        });
    });
    expect(fromText).toEqual(fromTable);
    expect(fromText).toHaveLength(ROWS.length * SKILLS.length);
  });
});
