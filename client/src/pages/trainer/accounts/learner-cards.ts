/**
 * The QR cards to print: the accounts the trainer created on this page load, kept in memory
 * only. Nothing is stored in the browser (the PIN is never on a card anyway), so a shared
 * computer keeps nothing once the tab is closed; the list is lost on a reload, and a card can
 * only be printed for an account created in this visit.
 */
import { useSyncExternalStore } from 'react';
import { paths } from '../../../app/paths.ts';

export interface LearnerCard {
  personId: string;
  /** Only the first name is printed: a lost card should say little about its owner. */
  firstName: string;
  learnerCode: string;
}

/** Cards on one A4 sheet: two columns of four. */
export const CARDS_PER_SHEET = 8;

let cards: readonly LearnerCard[] = [];
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** @returns the first word of a display name (« Lucas » for « Lucas Petit »). */
export function firstNameOf(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] ?? displayName;
}

/** Adds the card of an account just created (once). */
export function addCard(card: LearnerCard): void {
  if (cards.some((c) => c.personId === card.personId)) return;
  cards = [...cards, card];
  emit();
}

export function removeCard(personId: string): void {
  cards = cards.filter((c) => c.personId !== personId);
  emit();
}

export function clearCards(): void {
  cards = [];
  emit();
}

/** @returns the cards to print, re-rendering when they change. */
export function useLearnerCards(): readonly LearnerCard[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => cards,
  );
}

/**
 * @param cards the cards.
 * @returns them by A4 sheet.
 */
export function sheetsOf<T>(cards: readonly T[]): T[][] {
  const sheets: T[][] = [];
  for (let i = 0; i < cards.length; i += CARDS_PER_SHEET) {
    sheets.push(cards.slice(i, i + CARDS_PER_SHEET));
  }
  return sheets;
}

/**
 * @param origin the site, e.g. `https://grange.example`.
 * @param learnerCode the card's code.
 * @returns what the card's QR code opens: the sign-in page with the code filled in.
 */
export function signInUrl(origin: string, learnerCode: string): string {
  return `${origin}${paths.signIn}?code=${encodeURIComponent(learnerCode)}`;
}
