/**
 * The JSON-LD document loader given to the Data Integrity libraries. Contexts come only from
 * the bundle (an unknown context is an error, never a download). Keys and controller documents
 * are resolved from the DID or URL the proof names: did:key locally, did:web and https through
 * the verifier's safe fetcher.
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { didWebDocumentUrl } from '../did/did-web.ts';
import type { Fetcher } from '../verify/safe-fetch.ts';
import { BUNDLED_CONTEXTS, DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from './bundled-contexts.ts';

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

export interface DocumentLoaderOptions {
  /** Fetches did:web and https documents; absent: only contexts and did:key resolve. */
  fetcher?: Fetcher;
  /** Resolve did:web over http (local runs and tests on loopback). */
  didWebOverHttp?: boolean;
  /** Documents known without fetching (the issuer's own DID document, in-process). */
  preloaded?: ReadonlyMap<string, unknown>;
}

/** Raised when a document cannot be loaded; `reason` says whether trying later could help. */
export class DocumentLoadError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly reason: 'not-allowed' | 'unreachable' | 'malformed',
  ) {
    super(message);
    this.name = 'DocumentLoadError';
  }
}

/**
 * @returns a loader for the libraries, and the controller documents it resolved (by id), which
 * the verifier uses to check that a key belongs to the issuer and was not retired.
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): {
  documentLoader: DocumentLoader;
  controllers: Map<string, Record<string, unknown>>;
} {
  const controllers = new Map<string, Record<string, unknown>>();

  const loadController = async (id: string): Promise<Record<string, unknown>> => {
    const cached = controllers.get(id);
    if (cached) return cached;
    const document = await resolveController(id, options);
    controllers.set(id, document);
    return document;
  };

  const documentLoader: DocumentLoader = async (url) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('http') && looksLikeContext(url)) {
      throw new DocumentLoadError(`the JSON-LD context ${url} is not bundled`, url, 'not-allowed');
    }
    const [base = url, fragment] = url.split('#');
    const controller = await loadController(base);
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: controller };
    const method = findMethod(controller, url);
    if (!method) {
      throw new DocumentLoadError(`${base} does not publish the key ${url}`, url, 'malformed');
    }
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': MULTIKEY_V1_CONTEXT, ...method },
    };
  };
  return { documentLoader, controllers };
}

function looksLikeContext(url: string): boolean {
  return /\/(context|contexts|v\d+|credentials|ns)\b|\.jsonld$|context[-\d.]*\.json$/.test(url);
}

/** Finds a verification method by absolute or relative (`#frag`) id. */
export function findMethod(
  controller: Record<string, unknown>,
  methodId: string,
): Record<string, unknown> | undefined {
  const methods = Array.isArray(controller.verificationMethod) ? controller.verificationMethod : [];
  const fragment = `#${methodId.split('#')[1] ?? ''}`;
  return methods.find(
    (m): m is Record<string, unknown> =>
      typeof m === 'object' && m !== null && (m.id === methodId || m.id === fragment),
  );
}

async function resolveController(
  id: string,
  options: DocumentLoaderOptions,
): Promise<Record<string, unknown>> {
  const preloaded = options.preloaded?.get(id);
  if (preloaded) return preloaded as Record<string, unknown>;
  if (id.startsWith('did:key:')) return didKeyDocument(id);
  let url: string | undefined;
  if (id.startsWith('did:web:')) {
    url = didWebDocumentUrl(id, { http: options.didWebOverHttp === true });
  } else if (id.startsWith('https://') || id.startsWith('http://')) {
    url = id;
  }
  if (!url) throw new DocumentLoadError(`cannot resolve ${id}`, id, 'not-allowed');
  if (!options.fetcher)
    throw new DocumentLoadError(`no network to resolve ${id}`, id, 'unreachable');
  const result = await options.fetcher(
    url,
    'application/did+json, application/ld+json, application/json',
  );
  if (!result.ok) {
    throw new DocumentLoadError(`cannot fetch ${url}: ${result.detail}`, id, 'unreachable');
  }
  let document: unknown;
  try {
    document = JSON.parse(result.body.toString('utf8'));
  } catch {
    throw new DocumentLoadError(`${url} is not JSON`, id, 'malformed');
  }
  if (
    typeof document !== 'object' ||
    document === null ||
    (document as { id?: unknown }).id !== id
  ) {
    throw new DocumentLoadError(`${url} does not describe ${id}`, id, 'malformed');
  }
  return document as Record<string, unknown>;
}

/** The DID document of a did:key (Ed25519 only), computed from the key itself. */
async function didKeyDocument(did: string): Promise<Record<string, unknown>> {
  const multibase = did.slice('did:key:'.length);
  if (!multibase.startsWith('z6Mk')) {
    throw new DocumentLoadError(`${did} is not an Ed25519 did:key`, did, 'not-allowed');
  }
  try {
    await Ed25519Multikey.from({
      type: 'Multikey',
      id: `${did}#${multibase}`,
      controller: did,
      publicKeyMultibase: multibase,
    });
  } catch {
    throw new DocumentLoadError(`${did} does not hold a valid key`, did, 'malformed');
  }
  const method = {
    id: `${did}#${multibase}`,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: multibase,
  };
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}
