/**
 * Learner codes and PINs for learners without email: the code is printed on a QR card, the
 * PIN is told once. Codes use an alphabet without look-alikes (no 0/O, 1/I/L, no U/V), so they
 * can be read aloud and typed by a child or a senior.
 */
import { randomInt } from 'node:crypto';

/** Characters of learner codes: digits and capitals that cannot be mistaken for each other. */
export const LEARNER_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** Code length: 29^6 ≈ 600 million codes, far more than the space will ever have learners. */
export const LEARNER_CODE_LENGTH = 6;

/** Digits of generated PINs; people may later choose 4 to 6. */
export const PIN_LENGTH = 6;

/** PINs: 4 to 6 digits. */
export const PIN_PATTERN = /^\d{4,6}$/;

/** @returns a random learner code, e.g. `K7M4QX`. */
export function generateLearnerCode(): string {
  let code = '';
  for (let i = 0; i < LEARNER_CODE_LENGTH; i += 1) {
    code += LEARNER_CODE_ALPHABET[randomInt(LEARNER_CODE_ALPHABET.length)];
  }
  return code;
}

/**
 * @param typed a code as typed or scanned (any case, with spaces or dashes, or the QR payload).
 * @returns the code as stored: capitals, no separators.
 */
export function normaliseLearnerCode(typed: string): string {
  const bare = typed.trim().replace(/^grange:learner:/i, '');
  return bare.replace(/[\s-]/g, '').toUpperCase();
}

/** @returns what the QR card encodes for `code`. */
export function learnerQrPayload(code: string): string {
  return `grange:learner:${code}`;
}

// PINs that people guess first: one repeated digit, or a run up or down.
function isGuessable(pin: string): boolean {
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] ?? 0)));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0] ?? 0);
}

/** @returns a random 6-digit PIN that is not a repeated digit or a run. */
export function generatePin(): string {
  for (;;) {
    const pin = String(randomInt(10 ** PIN_LENGTH)).padStart(PIN_LENGTH, '0');
    if (!isGuessable(pin)) return pin;
  }
}
