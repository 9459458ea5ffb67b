/**
 * The learner's share links: each says in words whether it still works (active until, expired,
 * removed), what it shows, and who opened it and when; « Retirer le lien » asks first, then
 * sends the revocation; a refusal stays in the dialog; a removed or expired link offers no
 * button.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ShareLinkWithOpenings } from '../../../client/src/pages/pathway/pathway-queries.ts';
import { ShareLinkList, shareState } from '../../../client/src/pages/pathway/share-links.tsx';
import { renderInApp } from '../support/render.tsx';

const NOW = new Date('2026-11-26T10:00:00.000Z');

const ACTIVE: ShareLinkWithOpenings = {
  link: {
    id: 'link-active',
    createdAt: '2026-11-20T09:00:00.000Z',
    expiresAt: '2026-12-20T09:00:00.000Z',
    revokedAt: null,
    sharesTargets: true,
    sharesMilestones: false,
    awardIds: ['a1', 'a2'],
  },
  openings: [
    { openedAt: '2026-11-21T14:30:00.000Z', userAgent: 'Firefox sur ordinateur' },
    { openedAt: '2026-11-22T08:05:00.000Z', userAgent: 'Chrome sur téléphone' },
  ],
};

const REVOKED: ShareLinkWithOpenings = {
  link: {
    id: 'link-revoked',
    createdAt: '2026-10-01T09:00:00.000Z',
    expiresAt: '2026-12-01T09:00:00.000Z',
    revokedAt: '2026-10-15T09:00:00.000Z',
    sharesTargets: false,
    sharesMilestones: true,
    awardIds: [],
  },
  openings: [],
};

const EXPIRED: ShareLinkWithOpenings = {
  link: {
    ...ACTIVE.link,
    id: 'link-expired',
    createdAt: '2026-09-01T09:00:00.000Z',
    expiresAt: '2026-09-08T09:00:00.000Z',
  },
  openings: [],
};

const plain = (s: string | null) =>
  (s ?? '')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function cards() {
  return screen.getAllByRole('listitem').filter((li) => li.classList.contains('share-link'));
}

describe('shareState', () => {
  it('tells active, expired and revoked apart', () => {
    expect(shareState(ACTIVE.link, NOW)).toBe('active');
    expect(shareState(EXPIRED.link, NOW)).toBe('expired');
    expect(shareState(REVOKED.link, NOW)).toBe('revoked');
  });
});

describe('ShareLinkList', () => {
  it('says each link’s state, what it shows and its openings in words', () => {
    renderInApp(<ShareLinkList links={[ACTIVE, REVOKED, EXPIRED]} now={NOW} onRevoke={vi.fn()} />);
    const [active, revoked, expired] = cards();
    const activeText = plain(active?.textContent ?? '');
    expect(activeText).toContain('Actif jusqu’au 20 décembre 2026'.replace('’', "'"));
    expect(activeText).toContain('Il montre : métiers visés, 2 badges.');
    expect(activeText).toContain('Ouvert 2 fois');
    const openings = within(active as HTMLElement)
      .getAllByRole('listitem')
      .map((li) => plain(li.textContent));
    expect(openings).toEqual([
      'Le 21 novembre 2026 à 15:30, depuis Firefox sur ordinateur',
      'Le 22 novembre 2026 à 09:05, depuis Chrome sur téléphone',
    ]);

    const revokedText = plain(revoked?.textContent ?? '');
    expect(revokedText).toContain('Retiré le 15 octobre 2026');
    expect(revokedText).toContain('Personne ne l');
    expect(within(revoked as HTMLElement).queryByRole('button')).toBeNull();
    expect(plain(expired?.textContent ?? '')).toContain('Expiré le 8 septembre 2026');
    expect(within(expired as HTMLElement).queryByRole('button')).toBeNull();
  });

  it('asks before removing a link, then sends the revocation', async () => {
    const onRevoke = vi.fn(async () => undefined);
    renderInApp(<ShareLinkList links={[ACTIVE]} now={NOW} onRevoke={onRevoke} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le lien du 20 novembre 2026' }));
    const dialog = screen.getByRole('dialog', { name: /^Retirer ce lien/ });
    expect(onRevoke).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retirer le lien' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onRevoke).toHaveBeenCalledWith('link-active');
  });

  it('keeps the dialog open with the server’s reason when the removal is refused', async () => {
    const onRevoke = vi.fn(async () => ({
      message: { fr: "Ce lien de partage n'existe pas.", en: 'No such share link.' },
    }));
    renderInApp(<ShareLinkList links={[ACTIVE]} now={NOW} onRevoke={onRevoke} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le lien du 20 novembre 2026' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retirer le lien' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('alert').textContent).toContain("n'existe pas"),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when there is no link', () => {
    renderInApp(<ShareLinkList links={[]} now={NOW} onRevoke={vi.fn()} />);
    expect(plain(document.body.textContent)).toBe("Vous n'avez pas encore créé de lien.");
  });
});
