/**
 * The badge card: image, standing in words (valid, expired, revoked), dates in the reader's
 * language, the share link, LinkedIn's add-to-profile link (the same as the public page's),
 * the downloads, and the QR code of the verification link, loaded on demand.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { BadgeCard, standingOf } from '../../../client/src/pages/badges/badge-card.tsx';
import type { AwardItem } from '../../../client/src/pages/badges/badge-queries.ts';
import { renderInApp } from '../support/render.tsx';

const NOW = new Date('2026-06-01T10:00:00.000Z');

const AWARD: AwardItem = {
  id: '0b6f4c3e-2f55-4b9e-9c1d-6a1f7f0e2a11',
  badgeId: 'seniors-numerique/premiers-pas',
  title: { fr: 'Premiers pas numériques', en: 'First digital steps' },
  issuedAt: '2026-03-02T09:30:00.000Z',
  validUntil: null,
  revoked: false,
  verificationUrl: 'https://grange.example/badges/0b6f4c3e-2f55-4b9e-9c1d-6a1f7f0e2a11',
  badge: {
    curriculumId: 'seniors-numerique',
    description: { fr: 'Allumer, toucher, se connecter.', en: 'Switch on, tap, connect.' },
    image: { color: '#2a6f97', icon: 'tablet' },
  },
};

function card(award: AwardItem, locale: 'fr' | 'en' = 'fr', reason?: string) {
  return renderInApp(
    <BadgeCard
      award={award}
      curriculumTitle="Le numérique au quotidien"
      {...(reason === undefined ? {} : { revocationReason: reason })}
      now={NOW}
    />,
    { locale },
  );
}

describe('the badge card', () => {
  it('shows the image, the title, that it is valid, and when it was earned', () => {
    card(AWARD);
    const image = screen.getByRole('img', {
      name: /^Image du badge «\s+Premiers pas numériques\s+»$/,
    });
    expect(image.getAttribute('src')).toBe(`/badges/${AWARD.id}.png`);
    expect(screen.getByRole('heading', { name: 'Premiers pas numériques' })).toBeTruthy();
    expect(screen.getByText('Valide')).toBeTruthy();
    expect(screen.getByText('2 mars 2026')).toBeTruthy();
    expect(screen.getByText('Le numérique au quotidien')).toBeTruthy();
  });

  it('gives the verification link to share and LinkedIn’s add-to-profile link', () => {
    card(AWARD);
    const link = screen.getByLabelText('Lien de vérification') as HTMLInputElement;
    expect(link.value).toBe(AWARD.verificationUrl);
    expect(link.readOnly).toBe(true);
    expect(screen.getByRole('link', { name: 'Voir la page du badge' }).getAttribute('href')).toBe(
      AWARD.verificationUrl,
    );
    const linkedIn = new URL(
      screen.getByRole('link', { name: 'Ajouter à mon profil LinkedIn' }).getAttribute('href') ??
        '',
    );
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Premiers pas numériques',
      organizationName: 'Grange Numérique',
      issueYear: '2026',
      issueMonth: '3',
      certUrl: AWARD.verificationUrl,
      certId: AWARD.id,
    });
  });

  it('offers the PNG, SVG and JSON downloads', () => {
    card(AWARD);
    for (const [name, extension] of [
      ['Image PNG', 'png'],
      ['Image SVG', 'svg'],
      ['Fichier du badge (JSON)', 'json'],
    ] as const) {
      const link = screen.getByRole('link', { name });
      expect(link.getAttribute('href')).toBe(`/badges/${AWARD.id}.${extension}`);
      expect(link.hasAttribute('download')).toBe(true);
    }
  });

  it('draws the QR code of the verification link when asked, and hides it again', async () => {
    card(AWARD);
    const button = screen.getByRole('button', { name: 'Afficher le QR code' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    const qr = await screen.findByRole('img', {
      name: /^QR code du lien de vérification du badge «\s+Premiers pas numériques\s+»$/,
    });
    // The drawing is the matrix of the verification URL: as many dark squares as it has.
    const modules = create(AWARD.verificationUrl, { errorCorrectionLevel: 'M' }).modules;
    const dark = [...modules.data].filter(Boolean).length;
    expect(qr.querySelector('path')?.getAttribute('d')?.match(/M/g)).toHaveLength(dark);
    expect(
      screen.getByRole('button', { name: 'Cacher le QR code' }).getAttribute('aria-expanded'),
    ).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Cacher le QR code' }));
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });

  it('says a revoked badge is withdrawn, with the reason, and offers no sharing', () => {
    card({ ...AWARD, revoked: true }, 'fr', 'Attribué par erreur');
    expect(screen.getByText('Retiré')).toBeTruthy();
    expect(
      screen.getByText(/^Ce badge a été retiré\. Raison\s+: Attribué par erreur$/),
    ).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Ajouter à mon profil LinkedIn' })).toBeNull();
    expect(screen.queryByLabelText('Lien de vérification')).toBeNull();
    expect(standingOf({ ...AWARD, revoked: true }, NOW)).toBe('revoked');
  });

  it('says a badge past its end date is expired, and when it ended', () => {
    const expired = { ...AWARD, validUntil: '2026-05-31T00:00:00.000Z' };
    card(expired);
    expect(screen.getByText('Expiré')).toBeTruthy();
    expect(screen.getByText('31 mai 2026')).toBeTruthy();
    expect(standingOf({ ...AWARD, validUntil: '2026-06-02T00:00:00.000Z' }, NOW)).toBe('valid');
  });

  it('speaks English to English readers', () => {
    card(AWARD, 'en');
    const article = screen.getByRole('article');
    expect(within(article).getByRole('heading', { name: 'First digital steps' })).toBeTruthy();
    expect(within(article).getByText('Valid')).toBeTruthy();
    expect(within(article).getByText('2 March 2026')).toBeTruthy();
    expect(within(article).getByRole('link', { name: 'Add to my LinkedIn profile' })).toBeTruthy();
  });

  it('draws the badge’s colour and initial when its image cannot be loaded', () => {
    const { container } = card(AWARD);
    fireEvent.error(screen.getByRole('img', { name: /Image du badge/ }));
    const fallback = container.querySelector('svg.badge-image');
    expect(fallback?.querySelector('circle')?.getAttribute('fill')).toBe('#2a6f97');
    expect(fallback?.textContent).toBe('P');
  });
});
