/**
 * The trainer's validation grid: one row per learner present with "Acquis / En cours / Pas
 * encore", the level picker of a skill with levels, the result shown at once and put back on a
 * refusal, "Annuler" after an "Acquis", the editable "Pas encore" message, badges announced,
 * and "Valider pour tous les présents" behind a confirmation that says how many.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type {
  BulkResult,
  DecisionActions,
  DecisionResult,
} from '../../../client/src/pages/trainer/session/decision-actions.ts';
import {
  type PresentLearner,
  ValidationGrid,
} from '../../../client/src/pages/trainer/session/validation-grid.tsx';
import type { SkillSummary } from '../../../client/src/pages/trainer/trainer-queries.ts';
import { renderInApp } from '../support/render.tsx';

const MAIL: SkillSummary = {
  id: 'seniors-numerique/envoyer-un-mail',
  title: { fr: 'Envoyer et recevoir des mails', en: 'Send and receive emails' },
  levels: [],
};

const CV: SkillSummary = {
  id: 'parcours-emploi/rediger-son-cv',
  title: { fr: 'Rédiger son CV', en: 'Write a CV' },
  levels: [
    { level: 1, title: { fr: 'Guidé', en: 'Guided' } },
    { level: 2, title: { fr: 'Autonome', en: 'On my own' } },
  ],
};

const LEARNERS: PresentLearner[] = [
  {
    personId: 'p-jeannine',
    displayName: 'Jeannine Dubois',
    state: { status: 'AVAILABLE', level: null },
  },
  {
    personId: 'p-gerard',
    displayName: 'Gérard Bonnet',
    state: { status: 'IN_PROGRESS', level: null },
  },
];

/** A promise the test settles by hand, to look at the screen while a request is on its way. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function fakeActions(overrides: Partial<DecisionActions> = {}): DecisionActions {
  const ok = (status: 'VALIDATED' | 'IN_PROGRESS' | 'WITHDRAWN'): Promise<DecisionResult> =>
    Promise.resolve({ ok: true, state: { status, level: null }, badges: [] });
  return {
    validate: vi.fn(() => ok('VALIDATED')),
    markInProgress: vi.fn(() => ok('IN_PROGRESS')),
    reject: vi.fn(() => ok('IN_PROGRESS')),
    undo: vi.fn(() => ok('WITHDRAWN')),
    bulkValidate: vi.fn(
      (): Promise<BulkResult> =>
        Promise.resolve({
          ok: true,
          results: LEARNERS.map((l) => ({
            learnerId: l.personId,
            outcome: 'validated',
            badges: [],
          })),
        }),
    ),
    ...overrides,
  };
}

function grid(actions: DecisionActions, skill: SkillSummary = MAIL, learners = LEARNERS) {
  return renderInApp(<ValidationGrid skill={skill} learners={learners} actions={actions} />);
}

/** @returns the row of a learner (a group named after them). */
function row(name: string) {
  return within(screen.getByRole('group', { name }));
}

describe('the validation grid', () => {
  it('has one row per learner present, each with the three big buttons and their state', () => {
    grid(fakeActions());
    for (const learner of LEARNERS) {
      const r = row(learner.displayName);
      for (const name of ['Acquis', 'En cours', 'Pas encore']) {
        expect(r.getByRole('button', { name }).getAttribute('aria-pressed')).toBe('false');
      }
    }
    expect(row('Jeannine Dubois').getByText('À commencer')).toBeTruthy();
    expect(row('Gérard Bonnet').getByText('En cours', { selector: '.status' })).toBeTruthy();
    // No level picker for a skill without levels.
    expect(screen.queryByLabelText(/Niveau/)).toBeNull();
  });

  it('shows "Acquis" at once, then confirmed with "Annuler", and announces the badge it issued', async () => {
    const answer = deferred<DecisionResult>();
    const actions = fakeActions({ validate: vi.fn(() => answer.promise) });
    grid(actions);
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Acquis' }));

    // Before the server answers: the expected state, the button pressed, "Envoi…".
    const jeannine = row('Jeannine Dubois');
    expect(jeannine.getByText('Acquise')).toBeTruthy();
    expect(jeannine.getByText('Envoi…')).toBeTruthy();
    expect(jeannine.getByRole('button', { name: 'Acquis' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(jeannine.queryByRole('button', { name: /Annuler/ })).toBeNull();
    expect(actions.validate).toHaveBeenCalledWith('p-jeannine', MAIL.id, null);

    await act(async () => {
      answer.resolve({
        ok: true,
        state: { status: 'VALIDATED', level: null },
        badges: [{ fr: 'Messagerie', en: 'Email' }],
      });
    });
    expect(jeannine.getByText('Validé.')).toBeTruthy();
    expect(jeannine.getByRole('button', { name: 'Annuler — Jeannine Dubois' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain(
      'Badge obtenu par Jeannine Dubois\u00a0: «\u00a0Messagerie\u00a0»',
    );
    // The other rows did not move.
    expect(row('Gérard Bonnet').queryByText('Acquise')).toBeNull();
  });

  it('puts the row back and says why when the server refuses', async () => {
    const answer = deferred<DecisionResult>();
    grid(fakeActions({ validate: vi.fn(() => answer.promise) }));
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Acquis' }));
    expect(row('Jeannine Dubois').getByText('Acquise')).toBeTruthy();

    await act(async () => {
      answer.resolve({
        ok: false,
        error: {
          message: {
            fr: "Vous n'animez pas le groupe de cette personne.",
            en: "You do not run this learner's group.",
          },
        },
      });
    });
    const jeannine = row('Jeannine Dubois');
    expect(jeannine.queryByText('Acquise')).toBeNull();
    expect(jeannine.getByText('À commencer')).toBeTruthy();
    expect(jeannine.getByRole('alert').textContent).toBe(
      "Vous n'animez pas le groupe de cette personne.",
    );
    expect(jeannine.getByRole('button', { name: 'Acquis' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(jeannine.queryByRole('button', { name: /Annuler/ })).toBeNull();
  });

  it('takes an "Acquis" back with "Annuler", telling the learner it was a mistake', async () => {
    const undo = deferred<DecisionResult>();
    const actions = fakeActions({ undo: vi.fn(() => undo.promise) });
    grid(actions);
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Acquis' }));
    const jeannine = row('Jeannine Dubois');
    fireEvent.click(await jeannine.findByRole('button', { name: 'Annuler — Jeannine Dubois' }));

    expect(jeannine.getByText('À refaire')).toBeTruthy();
    expect(jeannine.queryByRole('button', { name: /Annuler/ })).toBeNull();
    expect(actions.undo).toHaveBeenCalledWith(
      'p-jeannine',
      MAIL.id,
      expect.stringContaining("Annulé par l'animateur"),
    );
    await act(async () => {
      undo.resolve({ ok: true, state: { status: 'WITHDRAWN', level: null }, badges: [] });
    });
    expect(jeannine.getByText('Validation annulée.')).toBeTruthy();
    expect(jeannine.getByRole('button', { name: 'Acquis' }).getAttribute('aria-pressed')).toBe(
      'false',
    );

    // Tapped again: validated again.
    fireEvent.click(jeannine.getByRole('button', { name: 'Acquis' }));
    expect(await jeannine.findByText('Validé.')).toBeTruthy();
    expect(actions.validate).toHaveBeenCalledTimes(2);
  });

  it('sends "Pas encore" with the encouraging message the trainer may edit, never an empty one', async () => {
    const actions = fakeActions();
    grid(actions);
    const message = screen.getByLabelText('Message envoyé avec « Pas encore »');
    expect((message as HTMLTextAreaElement).value).toMatch(/^Pas encore, mais vous progressez/);

    fireEvent.click(row('Gérard Bonnet').getByRole('button', { name: 'Pas encore' }));
    expect(
      await row('Gérard Bonnet').findByText('Pas encore : le message est envoyé.'),
    ).toBeTruthy();
    expect(actions.reject).toHaveBeenCalledWith(
      'p-gerard',
      MAIL.id,
      expect.stringMatching(/^Pas encore, mais vous progressez/),
    );

    fireEvent.change(message, { target: { value: '  ' } });
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Pas encore' }));
    expect(screen.getByText(/Écrivez un message/)).toBeTruthy();
    expect(message.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(message);
    expect(actions.reject).toHaveBeenCalledTimes(1);

    fireEvent.change(message, { target: { value: 'Relisez l’adresse avant d’envoyer.' } });
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Pas encore' }));
    expect(actions.reject).toHaveBeenLastCalledWith(
      'p-jeannine',
      MAIL.id,
      'Relisez l’adresse avant d’envoyer.',
    );
  });

  it('marks "En cours" with the in-progress mutation', async () => {
    const actions = fakeActions();
    grid(actions);
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'En cours' }));
    expect(await row('Jeannine Dubois').findByText('Noté en cours.')).toBeTruthy();
    expect(actions.markInProgress).toHaveBeenCalledWith('p-jeannine', MAIL.id);
    expect(actions.validate).not.toHaveBeenCalled();
  });

  it('offers the levels of a skill that has them, per learner, for "Acquis"', async () => {
    const actions = fakeActions({
      validate: vi.fn(
        (_learner: string, _skill: string, level: number | null): Promise<DecisionResult> =>
          Promise.resolve({ ok: true, state: { status: 'VALIDATED', level }, badges: [] }),
      ),
    });
    grid(actions, CV);
    const picker = row('Gérard Bonnet').getByLabelText(
      'Niveau — Gérard Bonnet',
    ) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.textContent)).toEqual(['1 — Guidé', '2 — Autonome']);
    expect(picker.value).toBe('1');
    fireEvent.change(picker, { target: { value: '2' } });
    fireEvent.click(row('Gérard Bonnet').getByRole('button', { name: 'Acquis' }));
    expect(row('Gérard Bonnet').getByText('niveau 2')).toBeTruthy();
    expect(actions.validate).toHaveBeenCalledWith('p-gerard', CV.id, 2);
    await screen.findByText('Validé.');

    // The default level applies to the rows not changed by hand.
    fireEvent.change(screen.getByLabelText('Niveau validé par défaut'), { target: { value: '2' } });
    fireEvent.click(row('Jeannine Dubois').getByRole('button', { name: 'Acquis' }));
    expect(actions.validate).toHaveBeenLastCalledWith('p-jeannine', CV.id, 2);
  });

  it('validates for everyone present after a confirmation that says how many', async () => {
    const actions = fakeActions({
      bulkValidate: vi.fn(
        (): Promise<BulkResult> =>
          Promise.resolve({
            ok: true,
            results: [
              { learnerId: 'p-jeannine', outcome: 'validated', badges: [] },
              {
                learnerId: 'p-gerard',
                outcome: 'validated',
                badges: [{ fr: 'Messagerie', en: 'Email' }],
              },
            ],
          }),
      ),
    });
    grid(actions);
    const bulk = screen.getByRole('button', {
      name: 'Valider pour tous les présents (2 personnes)',
    });
    fireEvent.click(bulk);
    const question = screen.getByText(
      'Valider « Envoyer et recevoir des mails » pour les 2 personnes présentes ?',
    );
    expect(document.activeElement).toBe(question);
    expect(actions.bulkValidate).not.toHaveBeenCalled();

    // "Non, revenir" changes nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Non, revenir' }));
    expect(actions.bulkValidate).not.toHaveBeenCalled();

    fireEvent.click(
      screen.getByRole('button', { name: 'Valider pour tous les présents (2 personnes)' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Oui, valider pour 2 personnes' }));
    expect(actions.bulkValidate).toHaveBeenCalledWith(MAIL.id, null);
    expect(await screen.findByText(/est validée pour 2 personnes/)).toBeTruthy();
    for (const learner of LEARNERS) {
      const r = row(learner.displayName);
      expect(r.getByText('Acquise')).toBeTruthy();
      expect(r.getByRole('button', { name: `Annuler — ${learner.displayName}` })).toBeTruthy();
    }
    expect(screen.getByRole('status').textContent).toContain('Badge obtenu par Gérard Bonnet');
  });

  it('says when nobody is present yet, without the bulk button', () => {
    grid(fakeActions(), MAIL, []);
    expect(screen.getByText(/Personne n'est noté présent/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Valider pour tous/ })).toBeNull();
  });
});
