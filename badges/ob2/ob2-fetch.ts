/**
 * Loading the OB 2.0 documents a badge links to (Assertion, BadgeClass, Profile, key, revocation
 * list), through the context's fetcher only. Every outcome is a value: the pipelines decide which
 * are the credential's fault (failed) and which are outside it (could not check).
 */
import type { VerifyContext } from '../verify/pipeline.ts';
import { isHttpUrl } from './iri.ts';
import type { JsonObject } from './ob2-schemas.ts';

export type Loaded =
  /** A JSON object, from `url` (the address after redirects). */
  | { kind: 'json'; doc: JsonObject; url: string }
  /** HTTP 410 Gone: how a hosted assertion is revoked; the body may say why. */
  | { kind: 'gone'; body?: JsonObject }
  /** The issuer's server answered that there is nothing there (4xx), or the link is unusable. */
  | { kind: 'missing'; detail: string }
  /** Something answered, but not with a JSON object. */
  | { kind: 'unreadable'; detail: string }
  /** No answer: network down, timeout, server error, address refused by the verifier's policy. */
  | { kind: 'unreachable'; detail: string };

const ACCEPT = 'application/ld+json, application/json;q=0.9';

/**
 * Loads one JSON document by URL (or from `ctx.preloaded`).
 *
 * @param ctx the verification context (fetcher, preloaded documents).
 * @param url the URL the credential names.
 * @returns what was found; never throws.
 */
export async function loadDocument(ctx: VerifyContext, url: string): Promise<Loaded> {
  const preloaded = ctx.preloaded?.get(url);
  if (isObject(preloaded)) return { kind: 'json', doc: preloaded, url };
  if (!isHttpUrl(url)) return { kind: 'missing', detail: `${url} is not an http(s) URL` };
  const response = await ctx.fetcher(url, ACCEPT);
  if (response.ok) {
    const doc = parseObject(response.body);
    if (!doc) return { kind: 'unreadable', detail: `${url} did not return a JSON object` };
    return { kind: 'json', doc, url: response.url };
  }
  if (response.reason === 'http-status' && response.status === 410) {
    const body = response.body ? parseObject(response.body) : undefined;
    return body ? { kind: 'gone', body } : { kind: 'gone' };
  }
  const status = response.status ?? 0;
  if (
    response.reason === 'http-status' &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429
  ) {
    return { kind: 'missing', detail: `${url}: ${response.detail}` };
  }
  if (response.reason === 'bad-url')
    return { kind: 'missing', detail: `${url}: ${response.detail}` };
  if (response.reason === 'too-large')
    return { kind: 'unreadable', detail: `${url}: ${response.detail}` };
  return { kind: 'unreachable', detail: `${url}: ${response.detail}` };
}

/** A linked object: fetched from its URL, or embedded (when it has no http id to fetch). */
export type LinkedNode =
  | { kind: 'ok'; doc: JsonObject; standalone: boolean; requested?: string; url?: string }
  | { kind: 'failed'; detail: string }
  | { kind: 'unreachable'; detail: string };

/**
 * Resolves a link (`badge`, `issuer`): an IRI is fetched; an embedded object with an http id is
 * fetched again from that id, whose copy wins (as the reference validator does); an embedded
 * object without one is used as is.
 *
 * @param ctx the verification context.
 * @param ref the property's value.
 * @param label what is linked, for the technical detail.
 * @returns the object, or why it is not available.
 */
export async function resolveLink(
  ctx: VerifyContext,
  ref: unknown,
  label: string,
): Promise<LinkedNode> {
  const embedded = isObject(ref) ? ref : undefined;
  const id = typeof ref === 'string' ? ref : embedded?.id;
  if (embedded && !isHttpUrl(id)) return { kind: 'ok', doc: embedded, standalone: false };
  if (typeof id !== 'string') return { kind: 'failed', detail: `${label}: no link` };
  const loaded = await loadDocument(ctx, id);
  switch (loaded.kind) {
    case 'json':
      return { kind: 'ok', doc: loaded.doc, standalone: true, requested: id, url: loaded.url };
    case 'unreachable':
      return { kind: 'unreachable', detail: `${label}: ${loaded.detail}` };
    case 'gone':
      return { kind: 'failed', detail: `${label}: ${id} is gone (HTTP 410)` };
    default:
      return { kind: 'failed', detail: `${label}: ${loaded.detail}` };
  }
}

/**
 * The id a link points to: the IRI itself, or an embedded object's `id`.
 *
 * @param ref a `badge` / `issuer` / `publicKey` value.
 */
export function linkedId(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (isObject(ref) && typeof ref.id === 'string') return ref.id;
  return undefined;
}

/** Whether `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(body: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
