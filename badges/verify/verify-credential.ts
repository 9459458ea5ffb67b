/**
 * One entry point for anyone holding a badge: a URL, JSON (object or text), a JWS/JWT, or a
 * baked PNG/SVG, of Open Badges 2.0 or 3.0. It works out what it was given, runs the right
 * pipeline and returns a report. It never throws: whatever it is given, it answers.
 */
import { type UnbakePngResult, unbakePng } from '../baking/png.ts';
import { type UnbakeSvgResult, unbakeSvg } from '../baking/svg.ts';
import { isClrCredential } from '../clr/clr-schema.ts';
import { verifyClrJson } from '../clr/verify-clr.ts';
import { verifyOb2Hosted, verifyOb2Signed } from '../ob2/verify-ob2.ts';
import { verifyOb3Json, verifyOb3Jwt } from '../ob3/verify-ob3.ts';
import type { IdentifierKind } from '../recipient/identity-hash.ts';
import type { PipelineResult, VerifyContext } from './pipeline.ts';
import { type ProofCache, sharedProofCache } from './proof-cache.ts';
import {
  buildReport,
  type Check,
  type CredentialSummary,
  check,
  type VerificationReport,
} from './report.ts';
import { createFetcher, type Fetcher } from './safe-fetch.ts';

export interface VerifyOptions {
  /** The verifier's clock (default: now). */
  now?: Date;
  /** The email the badge should have been issued to. */
  email?: string;
  /** Or another identifier: a phone number or a URL. */
  identifier?: { kind: IdentifierKind; value: string };
  /** Issuer ids this verifier trusts (e.g. Grange's own did:web). */
  knownIssuers?: readonly string[];
  /** Fetch from loopback addresses and resolve did:web over http: tests and local runs only. */
  allowLoopback?: boolean;
  /** Per-request timeout in milliseconds (default 5,000). */
  timeoutMs?: number;
  /** Largest document fetched or accepted, in bytes (default 2 MiB). */
  maxBytes?: number;
  /** Replaces the default fetcher (the server passes one that answers its own URLs in-process). */
  fetcher?: Fetcher;
  /** Documents known without fetching, by id or URL. */
  preloaded?: ReadonlyMap<string, unknown>;
  /**
   * Data Integrity signatures already checked (default: one cache shared by the process;
   * false: check every signature). Revocation, expiry and the issuer's key are checked live
   * whatever the cache holds.
   */
  proofCache?: ProofCache | false;
}

/** Anything larger is refused before parsing: no badge is anywhere near this size. */
const MAX_INPUT_BYTES = 10 * 1024 * 1024;

const JWS_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

type Container = CredentialSummary['container'];

/**
 * Verifies an Open Badge, whatever its form.
 *
 * @param input a URL (string), JSON text or object, a compact JWS/JWT, or the bytes of a PNG or
 *   SVG badge image (Uint8Array), or the SVG text.
 * @returns the report: every check with its status and a French and English message, and the
 *   overall verdict (valid, invalid, revoked, expired, not yet valid, wrong recipient, or
 *   could not check).
 */
export async function verifyCredential(
  input: unknown,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const recipient = options.email
    ? { kind: 'email' as const, value: options.email }
    : options.identifier;
  const ctx: VerifyContext = {
    now: options.now ?? new Date(),
    fetcher:
      options.fetcher ??
      createFetcher({
        allowLoopback: options.allowLoopback === true,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      }),
    didWebOverHttp: options.allowLoopback === true,
    knownIssuers: options.knownIssuers ?? [],
    ...(recipient ? { recipient } : {}),
    ...(options.preloaded ? { preloaded: options.preloaded } : {}),
    ...(options.proofCache === false ? {} : { proofCache: options.proofCache ?? sharedProofCache }),
  };
  const recipientAsked = recipient !== undefined;
  try {
    const result = await dispatch(input, ctx);
    return buildReport(result.checks, recipientAsked, result.summary, result.embedded);
  } catch (error) {
    // A bug of ours must not become a verdict on the badge.
    return buildReport(
      [
        check(
          'parsed',
          'could-not-check',
          {
            fr: "Une erreur interne du vérificateur l'a empêché de conclure.",
            en: 'An internal error of the verifier stopped it from concluding.',
          },
          { detail: (error as Error)?.message ?? String(error) },
        ),
      ],
      recipientAsked,
    );
  }
}

type Dispatched = {
  checks: Check[];
  summary?: CredentialSummary;
  embedded?: VerificationReport[];
};

async function dispatch(input: unknown, ctx: VerifyContext): Promise<Dispatched> {
  if (input instanceof Uint8Array) {
    if (input.byteLength > MAX_INPUT_BYTES) return unreadable('the file is larger than 10 MiB');
    if (isPng(input)) return fromPng(unbakePng(input), ctx);
    return fromText(Buffer.from(input).toString('utf8'), ctx, 'json');
  }
  if (typeof input === 'string') return fromText(input, ctx, 'json');
  if (typeof input === 'object' && input !== null) return fromObject(input, ctx, 'json');
  return unreadable(`a ${input === null ? 'null' : typeof input} value is not a badge`);
}

async function fromText(
  text: string,
  ctx: VerifyContext,
  container: Container,
): Promise<Dispatched> {
  if (text.length > MAX_INPUT_BYTES) return unreadable('the text is larger than 10 MiB');
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (/^https?:\/\/\S+$/.test(trimmed)) return fromUrl(trimmed, ctx);
  if (trimmed.startsWith('<')) return fromSvg(unbakeSvg(trimmed), ctx);
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      return unreadable(`the JSON cannot be read: ${(error as Error).message}`);
    }
    return fromObject(parsed, ctx, container);
  }
  if (JWS_PATTERN.test(trimmed))
    return fromJws(trimmed, ctx, container === 'json' ? 'jws' : container);
  return unreadable('this is neither a link, JSON, a signed token nor a badge image');
}

async function fromObject(
  value: unknown,
  ctx: VerifyContext,
  container: Container,
): Promise<Dispatched> {
  // A CLR 2.0 record is a VC too: told apart by its type before the badge pipelines.
  if (isClrCredential(value))
    return verifyClrJson(value as Record<string, unknown>, ctx, container);
  const version = detectVersion(value);
  if (version === '2.0') return verifyOb2Hosted({ assertion: value }, ctx, container);
  if (version === '3.0') return verifyOb3Json(value, ctx, container);
  return unreadable('this JSON is not an Open Badge (neither 2.0 nor 3.0)');
}

async function fromJws(
  jws: string,
  ctx: VerifyContext,
  container: Container,
): Promise<PipelineResult | Dispatched> {
  const payload = decodeJwsPayload(jws);
  if (payload === undefined) return unreadable('the signed token cannot be decoded');
  const version = detectVersion(payload);
  if (version === '2.0') return verifyOb2Signed(jws, ctx, container);
  if (version === '3.0') return verifyOb3Jwt(jws, ctx, container);
  return unreadable('this signed token does not hold an Open Badge');
}

async function fromUrl(url: string, ctx: VerifyContext): Promise<Dispatched> {
  const response = await ctx.fetcher(
    url,
    'application/ld+json, application/vc+ld+json, application/json;q=0.9, image/png;q=0.8, image/svg+xml;q=0.8, text/plain;q=0.5',
  );
  if (!response.ok) {
    if (
      response.reason === 'http-status' &&
      response.status !== undefined &&
      response.status < 500
    ) {
      // A 404 or 410 at the badge's own address is an answer: let the OB 2.0 hosted pipeline,
      // which knows what 410 Gone means for a badge, judge it.
      return verifyOb2Hosted({ url }, ctx, 'url');
    }
    return {
      checks: [
        check(
          'parsed',
          'could-not-check',
          {
            fr: "Le lien du badge n'a pas pu être ouvert. Réessayez plus tard.",
            en: "The badge's link could not be opened. Try again later.",
          },
          { detail: `${url}: ${response.detail}` },
        ),
      ],
    };
  }
  const body = response.body;
  if (isPng(body)) return fromPng(unbakePng(body), ctx);
  const text = body.toString('utf8');
  if (response.contentType.includes('svg') || text.trim().startsWith('<')) {
    return fromSvg(unbakeSvg(text), ctx);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return unreadable('the link does not return readable JSON');
    }
    const version = detectVersion(parsed);
    // An OB 2.0 hosted assertion is judged from its own URL, which is what was given: hand the
    // pipeline the copy just fetched rather than fetching the same URL a second time.
    if (version === '2.0') {
      const preloaded = new Map(ctx.preloaded ?? []);
      preloaded.set(url, parsed);
      return verifyOb2Hosted({ url }, { ...ctx, preloaded }, 'url');
    }
    return fromObject(parsed, ctx, 'url');
  }
  if (JWS_PATTERN.test(trimmed)) return fromJws(trimmed, ctx, 'url');
  return unreadable('the link does not lead to a badge');
}

/** Keywords in order of preference when an image carries more than one kind of badge. */
const KEYWORD_PREFERENCE = ['openbadgecredential', 'openbadges', 'clrcredential'] as const;

async function fromPng(result: UnbakePngResult, ctx: VerifyContext): Promise<Dispatched> {
  if (!result.ok) return unreadable(`the PNG image holds no readable badge: ${result.detail}`);
  const baked = KEYWORD_PREFERENCE.map((k) => result.found.find((f) => f.keyword === k)).find(
    (f) => f !== undefined,
  );
  if (!baked) return unreadable('the PNG image holds no badge');
  return fromBakedText(baked.text, ctx, 'png');
}

async function fromSvg(result: UnbakeSvgResult, ctx: VerifyContext): Promise<Dispatched> {
  if (!result.ok) return unreadable(`the SVG image holds no readable badge: ${result.detail}`);
  // Embedded JSON travels in the element's body; a JWS or a hosted URL in `verify`.
  const text = result.text !== '' ? result.text : result.verify;
  if (text === undefined) return unreadable('the SVG badge element is empty');
  if (result.version === '2.0' && result.verify === undefined) {
    // OB 2.0 baking requires `verify` (the hosted URL or the JWS) on the assertion element.
    return unreadable('the OB 2.0 badge baked in the SVG has no verify attribute');
  }
  if (
    result.text !== '' &&
    result.verify !== undefined &&
    !verifyAgreesWithBody(result.verify, result.text)
  ) {
    // OB 2.0 hosted baking carries the assertion's URL twice: a disagreement means an edit.
    return unreadable('the link baked in the SVG does not match the badge inside it');
  }
  return fromBakedText(text, ctx, 'svg');
}

async function fromBakedText(
  text: string,
  ctx: VerifyContext,
  container: 'png' | 'svg',
): Promise<Dispatched> {
  const trimmed = text.trim();
  if (/^https?:\/\/\S+$/.test(trimmed)) {
    // Legacy OB 2.0 baking: the image carries only the hosted assertion's URL.
    return verifyOb2Hosted({ url: trimmed }, ctx, container);
  }
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return unreadable('the image holds badge data that is not valid JSON');
    }
    return fromObject(parsed, ctx, container);
  }
  if (JWS_PATTERN.test(trimmed)) return fromJws(trimmed, ctx, container);
  return unreadable('the image holds badge data in an unknown form');
}

function verifyAgreesWithBody(verify: string, body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    return parsed.id === verify;
  } catch {
    return false;
  }
}

/** Open Badges 2.0 or 3.0, from the JSON-LD context and types. */
export function detectVersion(value: unknown): '2.0' | '3.0' | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const vc = record.vc;
  if (typeof vc === 'object' && vc !== null) return detectVersion(vc) ?? undefined;
  const contexts = ([] as unknown[]).concat(record['@context'] ?? []);
  const types = ([] as unknown[]).concat(record.type ?? []);
  if (contexts.some((c) => typeof c === 'string' && c.includes('openbadges/v2'))) return '2.0';
  if (
    contexts.some(
      (c) =>
        typeof c === 'string' &&
        (c.startsWith('https://www.w3.org/ns/credentials/v2') ||
          c.startsWith('https://www.w3.org/2018/credentials/v1')),
    ) ||
    types.includes('VerifiableCredential')
  ) {
    return '3.0';
  }
  if (
    types.includes('Assertion') ||
    (record.recipient !== undefined && record.badge !== undefined)
  ) {
    return '2.0';
  }
  return undefined;
}

function decodeJwsPayload(jws: string): unknown {
  const [, payload] = jws.split('.');
  if (!payload) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isPng(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.byteLength >= 8 && signature.every((b, i) => bytes[i] === b);
}

function unreadable(detail: string): Dispatched {
  return {
    checks: [
      check(
        'parsed',
        'failed',
        {
          fr: "Nous n'avons pas trouvé de badge lisible dans ce qui a été donné.",
          en: 'We found no readable badge in what was given.',
        },
        { detail },
      ),
    ],
  };
}
