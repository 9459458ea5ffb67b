/**
 * The skill graph view and its list alternative: every skill is drawn with its status in words,
 * each prerequisite is an arrow, every box is a focusable link whose name carries the status
 * and the prerequisites, the zoom buttons zoom, and the list view carries the same facts.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SkillGraph, wrapTitle } from '../../../client/src/pages/curriculum/skill-graph.tsx';
import { SkillList } from '../../../client/src/pages/curriculum/skill-list.tsx';
import type { ModuleView, SkillView } from '../../../client/src/pages/curriculum/skill-view.ts';
import { renderInApp } from '../support/render.tsx';

const MODULES: ModuleView[] = [
  { id: 'premiers-pas', title: 'Premiers pas' },
  { id: 'internet', title: 'Internet au quotidien' },
];

const SKILLS: SkillView[] = [
  {
    id: 'seniors/allumer',
    title: 'Allumer et éteindre son appareil',
    moduleId: 'premiers-pas',
    status: 'VALIDATED',
    level: null,
    levels: [],
    prerequisites: [],
  },
  {
    id: 'seniors/ecran-tactile',
    title: "Utiliser l'écran tactile",
    moduleId: 'premiers-pas',
    status: 'SUBMITTED',
    level: null,
    levels: [],
    prerequisites: [
      { id: 'seniors/allumer', title: 'Allumer et éteindre son appareil', status: 'VALIDATED' },
    ],
  },
  {
    id: 'seniors/naviguer',
    title: 'Naviguer sur le web',
    moduleId: 'internet',
    status: 'IN_PROGRESS',
    level: 1,
    levels: ['Avec aide', 'Seul'],
    prerequisites: [
      { id: 'seniors/allumer', title: 'Allumer et éteindre son appareil', status: 'VALIDATED' },
      { id: 'seniors/ecran-tactile', title: "Utiliser l'écran tactile", status: 'SUBMITTED' },
    ],
  },
  {
    id: 'seniors/mail',
    title: 'Envoyer un mail',
    moduleId: 'internet',
    status: 'LOCKED',
    level: null,
    levels: [],
    prerequisites: [
      { id: 'seniors/naviguer', title: 'Naviguer sur le web', status: 'IN_PROGRESS' },
    ],
  },
];

const STATUS_TEXT = {
  VALIDATED: 'Acquise',
  SUBMITTED: 'En attente de validation',
  IN_PROGRESS: 'En cours',
  LOCKED: 'Pas encore ouverte',
} as const;

function graphNodes(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('.graph-node')];
}

/** French text puts no-break spaces before « : » and the like; compare with plain spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');

/** The link's accessible name (its SVG <title>) and description (its <desc>). */
const nameOf = (node: Element | undefined) => plain(node?.querySelector('title')?.textContent);
const descriptionOf = (node: Element | undefined) =>
  plain(node?.querySelector('desc')?.textContent);

describe('the skill graph', () => {
  it('draws every skill with its status in words and a link to its page', () => {
    const { container } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    const nodes = graphNodes(container);
    expect(nodes.map((n) => n.dataset.skillId)).toEqual(SKILLS.map((s) => s.id));
    for (const skill of SKILLS) {
      const node = nodes.find((n) => n.dataset.skillId === skill.id) as HTMLElement;
      const status = STATUS_TEXT[skill.status as keyof typeof STATUS_TEXT];
      expect(node.textContent).toContain(status);
      expect(node.getAttribute('href')).toBe(`/competences/${skill.id}`);
      expect(nameOf(node)).toBe(
        `${skill.title} — ${status}${skill.level === null ? '' : `, niveau ${skill.level} sur ${skill.levels.length}`}`,
      );
    }
    // The level reached is written in the box, not only the colour.
    const naviguer = nodes.find((n) => n.dataset.skillId === 'seniors/naviguer');
    expect(naviguer?.textContent).toContain('niv. 1');
    expect(nameOf(naviguer)).toContain('niveau 1 sur 2');
  });

  it('draws one arrow per prerequisite, from the prerequisite to the skill that needs it', () => {
    const { container } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    const arrows = [...container.querySelectorAll('.graph-edge')].map(
      (edge) => `${edge.getAttribute('data-from')}→${edge.getAttribute('data-to')}`,
    );
    const expected = SKILLS.flatMap((s) => s.prerequisites.map((p) => `${p.id}→${s.id}`));
    expect(arrows.sort()).toEqual(expected.sort());
    for (const edge of container.querySelectorAll('.graph-edge')) {
      expect(edge.getAttribute('marker-end')).toBe('url(#graph-arrow)');
      expect(edge.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+ C/);
    }
  });

  it('tells the prerequisites in each box’s description, since arrows are not read out', () => {
    const { container } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    const nodes = graphNodes(container);
    expect(descriptionOf(nodes[0])).toBe('Rien avant : vous pouvez commencer.');
    expect(descriptionOf(nodes[2])).toBe(
      "À acquérir avant : Allumer et éteindre son appareil, Utiliser l'écran tactile.",
    );
  });

  it('makes every box reachable with the keyboard', () => {
    // (jsdom computes no name from an SVG <title>; the end-to-end suite checks it in Chromium.)
    const { container } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    for (const node of graphNodes(container)) {
      // A link with an address is in the Tab order; focusing it must work.
      expect(node.getAttribute('tabindex')).not.toBe('-1');
      node.focus();
      expect(document.activeElement).toBe(node);
    }
  });

  it('opens the skill when a box is activated', () => {
    const { container, location } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    const node = graphNodes(container)[1] as HTMLElement;
    fireEvent.click(node);
    expect(location.history.at(-1)).toBe('/competences/seniors/ecran-tactile');
  });

  it('zooms in and out with the buttons, and recentres', () => {
    const { container } = renderInApp(<SkillGraph skills={SKILLS} label="Carte" />);
    const layer = () => container.querySelector('svg > g')?.getAttribute('transform') ?? '';
    const scale = () => Number(/scale\(([\d.]+)\)/.exec(layer())?.[1]);
    expect(scale()).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: /Agrandir/ }));
    expect(scale()).toBeCloseTo(1.25);
    fireEvent.click(screen.getByRole('button', { name: /Réduire/ }));
    fireEvent.click(screen.getByRole('button', { name: /Réduire/ }));
    expect(scale()).toBeCloseTo(0.8);
    fireEvent.click(screen.getByRole('button', { name: 'Recentrer' }));
    expect(scale()).toBe(1);
  });

  it('labels the drawing and its zoom controls in English too', () => {
    renderInApp(<SkillGraph skills={SKILLS} label="Map" />, { locale: 'en' });
    expect(screen.getByRole('group', { name: 'Map' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Zoom in/ })).toBeTruthy();
    expect(screen.getAllByText(/Waiting for validation/).length).toBeGreaterThan(0);
  });

  it('wraps long titles on two lines at most', () => {
    expect(wrapTitle('Naviguer sur le web')).toEqual(['Naviguer sur le web']);
    const lines = wrapTitle('Créer une adresse mail et la garder en sécurité pour longtemps');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });
});

describe('the list view', () => {
  it('carries the same facts as the drawing: status, level, levels, prerequisites', () => {
    const { container } = renderInApp(<SkillList skills={SKILLS} modules={MODULES} />);
    const items = [...container.querySelectorAll<HTMLElement>('.skill-item')];
    expect(items.map((item) => item.dataset.skillId)).toEqual(SKILLS.map((s) => s.id));
    for (const skill of SKILLS) {
      const item = items.find((i) => i.dataset.skillId === skill.id) as HTMLElement;
      const view = within(item);
      expect(view.getByRole('link', { name: skill.title }).getAttribute('href')).toBe(
        `/competences/${skill.id}`,
      );
      expect(item.textContent).toContain(STATUS_TEXT[skill.status as keyof typeof STATUS_TEXT]);
      if (skill.prerequisites.length === 0) {
        expect(item.textContent).toContain('Rien avant');
      }
      for (const prerequisite of skill.prerequisites) {
        expect(view.getByRole('link', { name: prerequisite.title }).getAttribute('href')).toBe(
          `/competences/${prerequisite.id}`,
        );
      }
      for (const level of skill.levels) expect(view.getByText(level)).toBeTruthy();
    }
    expect(within(items[2] as HTMLElement).getByText(/niveau 1 sur 2/)).toBeTruthy();
  });

  it('groups the skills by module under headings', () => {
    renderInApp(<SkillList skills={SKILLS} modules={MODULES} />);
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['Premiers pas', 'Internet au quotidien']);
  });
});
