/**
 * The `eddsa-rdfc-2022` cryptosuite of Digital Bazaar with two parts swapped for faster ones
 * that give the same results: canonicalization through `badges/canonical/canonize.ts` (the
 * JSON-LD work once per credential shape) and a verifier that decodes each key once. Proofs it
 * makes or checks are ordinary eddsa-rdfc-2022 proofs, verifiable by any implementation.
 */
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { canonize } from '../canonical/canonize.ts';
import { ed25519Verifier } from '../keys/ed25519-key-objects.ts';

export const fastEddsaRdfc2022: unknown = {
  ...(eddsaRdfc2022 as Record<string, unknown>),
  canonize,
  createVerifier: ed25519Verifier,
};
