/**
 * One piece of evidence in the trainer's review queue: who, which skill, the text, the link and
 * the photo; « Valider » at the level chosen; « Refuser » only with a comment the learner will
 * read; the result takes the focus so keyboard users keep their place.
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../../../client/src/app/auth/auth-context.tsx';
import { SessionManager } from '../../../client/src/app/auth/session-manager.ts';
import { ReviewItem } from '../../../client/src/pages/trainer/queue/review-item.tsx';
import type { ValidationRequest } from '../../../client/src/pages/trainer/trainer-queries.ts';
import { fakeServer, MemoryStorage } from '../support/fake-server.ts';
import { renderInApp } from '../support/render.tsx';

const REQUEST: ValidationRequest = {
  learnerId: 'p-thomas',
  learnerName: 'Thomas Robin',
  skillId: 'parcours-emploi/rediger-son-cv',
  submittedAt: '2026-11-20T10:00:00.000Z',
  skill: {
    id: 'parcours-emploi/rediger-son-cv',
    title: { fr: 'Rédiger son CV', en: 'Write your CV' },
    levels: [
      { level: 1, title: { fr: 'Avec de l’aide', en: 'With help' } },
      { level: 2, title: { fr: 'Seul', en: 'On my own' } },
    ],
  },
  evidence: [
    {
      id: 'e1',
      kind: 'file',
      text: 'Mon CV refait avec les conseils de jeudi.',
      url: 'https://docs.grange.example/thomas/cv',
      submittedAt: '2026-11-20T10:00:00.000Z',
      file: {
        mediaType: 'image/jpeg',
        name: 'cv.jpg',
        sizeBytes: 120_000,
        url: '/evidence-files/e1?exp=1&sig=abc',
      },
    },
    {
      id: 'e2',
      kind: 'file',
      text: null,
      url: null,
      submittedAt: '2026-11-20T10:00:00.000Z',
      file: {
        mediaType: 'application/pdf',
        name: 'cv.pdf',
        sizeBytes: 2_400_000,
        url: '/evidence-files/e2?exp=1&sig=def',
      },
    },
  ],
};

/** Renders the item with a fake API that records what it is sent. */
function item() {
  const server = fakeServer();
  const sent: Array<{ query: string; variables: Record<string, unknown> }> = [];
  server.graphql = (body) => {
    sent.push(body);
    if (body.query.includes('mutation ValidateSkill')) {
      return {
        data: {
          validateSkill: {
            __typename: 'ValidateSkillSuccess',
            state: { skillId: REQUEST.skillId, status: 'VALIDATED', level: 2 },
            issuedBadges: [{ id: 'a1', title: { fr: 'CV prêt', en: 'CV ready' } }],
          },
        },
      };
    }
    return {
      data: {
        rejectSkill: {
          __typename: 'RejectSkillSuccess',
          state: { skillId: REQUEST.skillId, status: 'IN_PROGRESS', level: null },
        },
      },
    };
  };
  const session = new SessionManager({
    fetch: server.fetch,
    sessionStorage: new MemoryStorage(),
    localStorage: new MemoryStorage(),
    now: () => Date.now(),
    setTimeout: () => 0,
    clearTimeout: () => {},
  });
  renderInApp(
    <AuthProvider session={session}>
      <ReviewItem request={REQUEST} onExpired={() => {}} />
    </AuthProvider>,
  );
  return sent;
}

describe('an item of the review queue', () => {
  it('shows who, which skill, the text, the link, the photo and the PDF', () => {
    item();
    expect(screen.getByRole('heading', { name: 'Thomas Robin — Rédiger son CV' })).toBeTruthy();
    expect(screen.getByText('Envoyée le 20 novembre 2026')).toBeTruthy();
    expect(screen.getByText('Mon CV refait avec les conseils de jeudi.')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Ouvrir le lien/ }).getAttribute('href')).toBe(
      'https://docs.grange.example/thomas/cv',
    );
    const photo = screen.getByRole('img', { name: 'Photo envoyée par Thomas Robin' });
    expect(photo.getAttribute('src')).toBe('/evidence-files/e1?exp=1&sig=abc');
    const pdf = screen.getByRole('link', {
      name: /^Ouvrir le document «\s*cv\.pdf\s*» \(2,3\sMo\)$/,
    });
    expect(pdf.getAttribute('href')).toBe('/evidence-files/e2?exp=1&sig=def');
  });

  it('validates at the level chosen and announces the badge, taking the focus', async () => {
    const sent = item();
    fireEvent.change(screen.getByLabelText('Niveau'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valider — Thomas Robin, Rédiger son CV' }));
    const done = await screen.findByText('Validé pour Thomas Robin.');
    // The focus moves in an effect, after the text is on screen: wait for it.
    await waitFor(() => expect(document.activeElement).toBe(done.closest('[role="status"]')));
    expect(screen.getByText(/Badge obtenu par Thomas Robin/)).toBeTruthy();
    expect(sent.at(-1)?.variables).toEqual({
      input: { learnerId: 'p-thomas', skillId: REQUEST.skillId, level: 2, sessionId: null },
    });
  });

  it('refuses only with a comment, which it sends for the learner to read', async () => {
    const sent = item();
    fireEvent.click(screen.getByRole('button', { name: 'Refuser — Thomas Robin, Rédiger son CV' }));
    const why = screen.getByLabelText(/Ce qu'il reste à faire/) as HTMLTextAreaElement;
    // The comment field takes the focus, for keyboard users.
    await waitFor(() => expect(document.activeElement).toBe(why));

    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le refus' }));
    expect(screen.getByText(/Écrivez pourquoi/)).toBeTruthy();
    expect(why.getAttribute('aria-invalid')).toBe('true');
    expect(why.getAttribute('aria-describedby')).toContain('-comment-error');
    expect(sent.filter((b) => b.query.includes('mutation'))).toEqual([]);

    fireEvent.change(why, { target: { value: 'Ajoutez vos dates de formation.' } });
    fireEvent.submit(why.closest('form') as HTMLFormElement);
    expect(await screen.findByText(/Thomas Robin recevra votre message/)).toBeTruthy();
    expect(sent.at(-1)?.variables).toEqual({
      input: {
        learnerId: 'p-thomas',
        skillId: REQUEST.skillId,
        comment: 'Ajoutez vos dates de formation.',
      },
    });
  });

  it('goes back from the refusal without sending anything', () => {
    const sent = item();
    fireEvent.click(screen.getByRole('button', { name: /^Refuser/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Revenir' }));
    expect(screen.getByRole('button', { name: /^Valider/ })).toBeTruthy();
    expect(sent.filter((b) => b.query.includes('mutation'))).toEqual([]);
  });
});
