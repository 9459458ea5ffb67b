import { describe, expect, it } from 'vitest';
import { ConcurrencyGate, tooManyMessage } from '../../../../server/http/verify-limits.ts';

describe('ConcurrencyGate', () => {
  it('lets `capacity` tasks in, turns the next away, and frees a slot once per release', () => {
    const gate = new ConcurrencyGate(2);
    const first = gate.tryEnter();
    const second = gate.tryEnter();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(gate.tryEnter()).toBeUndefined();
    first?.();
    first?.();
    expect(gate.running).toBe(1);
    const third = gate.tryEnter();
    expect(third).toBeDefined();
    expect(gate.tryEnter()).toBeUndefined();
    second?.();
    third?.();
    expect(gate.running).toBe(0);
  });
});

describe('tooManyMessage', () => {
  it('says who is limited and how long to wait, in French and English', () => {
    expect(tooManyMessage('client', 1)).toEqual({
      fr: 'Trop de vérifications depuis votre connexion. Réessayez dans 1 seconde.',
      en: 'Too many verifications from your connection. Try again in 1 second.',
    });
    expect(tooManyMessage('busy', 5).fr).toBe(
      'Le service de vérification est très demandé en ce moment. Réessayez dans 5 secondes.',
    );
  });
});
