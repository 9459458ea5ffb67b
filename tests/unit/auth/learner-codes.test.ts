import { describe, expect, it } from 'vitest';
import {
  generateLearnerCode,
  generatePin,
  LEARNER_CODE_ALPHABET,
  learnerQrPayload,
  normaliseLearnerCode,
  PIN_PATTERN,
} from '../../../server/auth/learner-codes.ts';

describe('learner codes and PINs', () => {
  it('use no look-alike characters', () => {
    expect(LEARNER_CODE_ALPHABET).not.toMatch(/[01OILUV]/);
    for (let i = 0; i < 200; i += 1) {
      expect(generateLearnerCode()).toMatch(new RegExp(`^[${LEARNER_CODE_ALPHABET}]{6}$`));
    }
  });

  it('read codes as typed or scanned', () => {
    expect(normaliseLearnerCode(' k7m-4qx ')).toBe('K7M4QX');
    expect(normaliseLearnerCode('grange:learner:K7M4QX')).toBe('K7M4QX');
    expect(learnerQrPayload('K7M4QX')).toBe('grange:learner:K7M4QX');
  });

  it('generate 6-digit PINs that are not a repeated digit or a run', () => {
    for (let i = 0; i < 500; i += 1) {
      const pin = generatePin();
      expect(pin).toMatch(PIN_PATTERN);
      expect(pin).toHaveLength(6);
      expect(['000000', '111111', '123456', '654321', '234567']).not.toContain(pin);
    }
    expect(PIN_PATTERN.test('1234')).toBe(true);
    expect(PIN_PATTERN.test('123')).toBe(false);
    expect(PIN_PATTERN.test('1234567')).toBe(false);
  });
});
