/**
 * The QR cards to print: only the first name goes on a card, eight cards fill an A4 sheet, the
 * QR code opens the sign-in page with the code filled in, and the list lives in memory only.
 */
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addCard,
  CARDS_PER_SHEET,
  clearCards,
  firstNameOf,
  removeCard,
  sheetsOf,
  signInUrl,
  useLearnerCards,
} from '../../../client/src/pages/trainer/accounts/learner-cards.ts';

afterEach(() => {
  clearCards();
});

describe('the learner cards', () => {
  it('print only the first name', () => {
    expect(firstNameOf('Lucas Petit')).toBe('Lucas');
    expect(firstNameOf('  Jean-Pierre   de la Fontaine ')).toBe('Jean-Pierre');
    expect(firstNameOf('Odette')).toBe('Odette');
  });

  it('fill A4 sheets eight at a time', () => {
    expect(CARDS_PER_SHEET).toBe(8);
    const cards = Array.from({ length: 17 }, (_, i) => i);
    expect(sheetsOf(cards).map((sheet) => sheet.length)).toEqual([8, 8, 1]);
    expect(sheetsOf([])).toEqual([]);
  });

  it('open the sign-in page with the code filled in', () => {
    expect(signInUrl('https://grange.example', 'K7M4QX')).toBe(
      'https://grange.example/connexion?code=K7M4QX',
    );
  });

  it('are kept once each, in memory, and can be removed', () => {
    const { result } = renderHook(() => useLearnerCards());
    expect(result.current).toEqual([]);
    const card = { personId: 'p1', firstName: 'Lucas', learnerCode: 'K7M4QX' };
    act(() => {
      addCard(card);
      addCard(card);
      addCard({ personId: 'p2', firstName: 'Emma', learnerCode: 'R2D2XY' });
    });
    expect(result.current.map((c) => c.personId)).toEqual(['p1', 'p2']);
    act(() => removeCard('p1'));
    expect(result.current.map((c) => c.personId)).toEqual(['p2']);
    expect(window.localStorage.length + window.sessionStorage.length).toBe(0);
  });
});
