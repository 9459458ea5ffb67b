/**
 * `not-revoked` for OB 3.0 (openbadges.md §3.8, §3.10 step 4): a `BitstringStatusListEntry`
 * (the status list credential is fetched, its signature and issuer verified, the bit read) or a
 * `1EdTechRevocationList` (fetched, `revokedCredential[]` searched). A list that cannot be
 * fetched or trusted means "could not check", never "revoked". Never throws.
 */
import { decodeBitstring, getBit } from '../status/bitstring.ts';
import type { VerifyContext } from '../verify/pipeline.ts';
import { printable } from '../verify/printable.ts';
import { type Check, check } from '../verify/report.ts';
import { issuerIdOf } from './data-integrity.ts';
import { typesOf } from './ob3-schema.ts';
import { type LoaderBundle, verifyDataIntegrity } from './verify-di-proof.ts';

type EntryState = {
  state: 'ok' | 'revoked' | 'suspended' | 'unknown' | 'not-relevant';
  detail: string;
};

/**
 * @param credential the credential (its proof already verified).
 * @param issuerId the credential's issuer id; the list must be signed by the same issuer.
 * @param ctx the verifier's context (fetcher, clock).
 * @param loader the document loader used for the credential, reused for the list's proof.
 * @returns the `not-revoked` check.
 */
export async function checkCredentialStatus(
  credential: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
  loader: LoaderBundle,
): Promise<Check> {
  const raw = credential.credentialStatus;
  const entries = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null,
  );
  const states: EntryState[] = [];
  for (const entry of entries) {
    states.push(await checkEntry(entry, credential, issuerId, ctx, loader));
  }
  const detail = states.map((s) => s.detail).join('; ') || undefined;
  const extra = detail ? { detail } : {};
  const relevant = states.filter((s) => s.state !== 'not-relevant');
  if (relevant.some((s) => s.state === 'revoked')) {
    return check(
      'not-revoked',
      'failed',
      {
        fr: "L'émetteur a révoqué ce badge : il ne compte plus.",
        en: 'The issuer has revoked this badge: it no longer counts.',
      },
      extra,
    );
  }
  if (relevant.some((s) => s.state === 'suspended')) {
    return check(
      'not-revoked',
      'failed',
      {
        fr: "L'émetteur a suspendu ce badge pour l'instant.",
        en: 'The issuer has suspended this badge for now.',
      },
      extra,
    );
  }
  if (relevant.some((s) => s.state === 'unknown')) {
    return check(
      'not-revoked',
      'could-not-check',
      {
        fr: "Nous n'avons pas pu consulter la liste des badges révoqués de l'émetteur : réessayez plus tard.",
        en: "We could not consult the issuer's list of revoked badges: try again later.",
      },
      extra,
    );
  }
  if (relevant.length === 0) {
    return check(
      'not-revoked',
      'passed',
      {
        fr: "L'émetteur ne publie pas de liste de révocation pour ce badge : rien n'indique qu'il l'ait retiré.",
        en: 'The issuer offers no revocation list for this badge: nothing shows it was withdrawn.',
      },
      extra,
    );
  }
  return check(
    'not-revoked',
    'passed',
    {
      fr: "L'émetteur n'a pas révoqué ce badge.",
      en: 'The issuer has not revoked this badge.',
    },
    extra,
  );
}

async function checkEntry(
  entry: Record<string, unknown>,
  credential: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
  loader: LoaderBundle,
): Promise<EntryState> {
  const types = typesOf(entry.type);
  try {
    if (types.includes('BitstringStatusListEntry')) {
      return await checkBitstringEntry(entry, issuerId, ctx, loader);
    }
    if (types.includes('1EdTechRevocationList')) {
      return await checkRevocationList(entry, credential, issuerId, ctx);
    }
  } catch (error) {
    return { state: 'unknown', detail: `status check failed: ${(error as Error).message}` };
  }
  return { state: 'unknown', detail: `status method ${types.join(',')} is not supported` };
}

async function checkBitstringEntry(
  entry: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
  loader: LoaderBundle,
): Promise<EntryState> {
  const purpose = entry.statusPurpose;
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return { state: 'not-relevant', detail: `status purpose ${printable(purpose)} ignored` };
  }
  const indexText = printable(entry.statusListIndex);
  if (!/^\d+$/.test(indexText))
    return { state: 'unknown', detail: `statusListIndex ${indexText} is not a number` };
  if (entry.statusSize !== undefined && Number(printable(entry.statusSize)) !== 1) {
    return {
      state: 'unknown',
      detail: `statusSize ${printable(entry.statusSize)} is not supported`,
    };
  }
  const url = entry.statusListCredential;
  if (typeof url !== 'string') return { state: 'unknown', detail: 'no statusListCredential' };
  const list = await fetchJson(url, ctx);
  if (typeof list === 'string') return { state: 'unknown', detail: list };
  if (list.id !== url)
    return { state: 'unknown', detail: `the list at ${url} says it is ${printable(list.id)}` };
  if (!typesOf(list.type).includes('BitstringStatusListCredential')) {
    return { state: 'unknown', detail: `${url} is not a BitstringStatusListCredential` };
  }
  const listIssuer = issuerIdOf(list);
  if (!issuerId || listIssuer !== issuerId) {
    return {
      state: 'unknown',
      detail: `the list is issued by ${String(listIssuer)}, not ${String(issuerId)}`,
    };
  }
  const outcome = await verifyDataIntegrity(list, issuerId, loader, ctx.now, ctx.proofCache);
  if (outcome.proof.status !== 'passed' || outcome.issuerKey.status !== 'passed') {
    return {
      state: 'unknown',
      detail: `the list's signature is not trusted: ${outcome.proof.detail}; ${outcome.issuerKey.detail}`,
    };
  }
  const until = typeof list.validUntil === 'string' ? Date.parse(list.validUntil) : Number.NaN;
  if (!Number.isNaN(until) && until <= ctx.now.getTime()) {
    return { state: 'unknown', detail: `the list expired on ${String(list.validUntil)}` };
  }
  const subject = (
    Array.isArray(list.credentialSubject) ? list.credentialSubject[0] : list.credentialSubject
  ) as Record<string, unknown> | undefined;
  if (!subject || subject.statusPurpose !== purpose || typeof subject.encodedList !== 'string') {
    return { state: 'unknown', detail: `the list has no ${String(purpose)} bitstring` };
  }
  const bits = decodedList(subject.encodedList);
  const index = Number(indexText);
  if (index >= bits.length * 8) {
    return {
      state: 'unknown',
      detail: `index ${index} is outside the list (${bits.length * 8} entries)`,
    };
  }
  if (!getBit(bits, index)) return { state: 'ok', detail: `${url} bit ${index} is clear` };
  return {
    state: purpose === 'revocation' ? 'revoked' : 'suspended',
    detail: `${url} bit ${index} is set`,
  };
}

/**
 * The lists decoded lately, by their exact encoded text: a list is fetched and read on every
 * verification, but unzipping the same text again would give the same bits. Only lists of
 * ordinary size are kept (a hostile one may unzip to 16 MiB).
 */
const decodedLists = new Map<string, Uint8Array>();
const MAX_DECODED_LISTS = 8;
const MAX_KEPT_BYTES = 1024 * 1024;

function decodedList(encoded: string): Uint8Array {
  const cached = decodedLists.get(encoded);
  if (cached !== undefined) return cached;
  const bits = decodeBitstring(encoded);
  if (bits.byteLength > MAX_KEPT_BYTES || encoded.length > MAX_KEPT_BYTES) return bits;
  decodedLists.set(encoded, bits);
  if (decodedLists.size > MAX_DECODED_LISTS) {
    decodedLists.delete(decodedLists.keys().next().value as string);
  }
  return bits;
}

async function checkRevocationList(
  entry: Record<string, unknown>,
  credential: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
): Promise<EntryState> {
  const url = entry.id;
  if (typeof url !== 'string')
    return { state: 'unknown', detail: '1EdTechRevocationList without id' };
  const list = await fetchJson(url, ctx);
  if (typeof list === 'string') return { state: 'unknown', detail: list };
  const listIssuer = issuerIdOf(list);
  if (listIssuer !== undefined && listIssuer !== issuerId) {
    return {
      state: 'unknown',
      detail: `the list is issued by ${listIssuer}, not ${String(issuerId)}`,
    };
  }
  if (!Array.isArray(list.revokedCredential)) {
    return { state: 'unknown', detail: `${url} has no revokedCredential list` };
  }
  const found = list.revokedCredential.find(
    (item): item is Record<string, unknown> =>
      typeof item === 'object' && item !== null && (item as { id?: unknown }).id === credential.id,
  );
  if (found && found.revoked !== false) {
    const reason = typeof found.revocationReason === 'string' ? `: ${found.revocationReason}` : '';
    return { state: 'revoked', detail: `listed in ${url}${reason}` };
  }
  return { state: 'ok', detail: `not listed in ${url}` };
}

async function fetchJson(
  url: string,
  ctx: VerifyContext,
): Promise<Record<string, unknown> | string> {
  const result = await ctx.fetcher(
    url,
    'application/vc+ld+json, application/ld+json, application/json',
  );
  if (!result.ok) return `cannot fetch ${url}: ${result.detail}`;
  try {
    const value: unknown = JSON.parse(result.body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // falls through to the message below
  }
  return `${url} is not a JSON object`;
}
