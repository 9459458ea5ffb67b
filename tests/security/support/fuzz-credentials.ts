/**
 * What the verifier fuzz needs: genuine badges of every form with a status entry, the pieces an
 * attacker would splice into them (another badge's proof, a proof by a key the issuer never
 * published, a token signed by an impostor), the mutations themselves, and a precise answer to
 * "did this mutation change what the signature covers?".
 *
 * The OB 3.0 badges come from a loopback issuer site made here (did:web document, RSA JWKs and a
 * signed status list); the OB 2.0 ones from the verify suites' `issueEveryForm`.
 */
import { createHmac, createSign } from 'node:crypto';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { BakingError } from '../../../badges/baking/failure.ts';
import { bakePng } from '../../../badges/baking/png.ts';
import { bakeSvg, OB2_SVG_NAMESPACE, OB3_SVG_NAMESPACE } from '../../../badges/baking/svg.ts';
import { createDocumentLoader } from '../../../badges/contexts/document-loader.ts';
import { renderBadgePng } from '../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../badges/images/badge-svg.ts';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import {
  generateEd25519Key,
  generateRsaKey,
  type IssuerKey,
  rsaPublicJwk,
} from '../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../badges/ob3/data-integrity.ts';
import { signCredentialJwt } from '../../../badges/ob3/vc-jwt.ts';
import { createStatusList, statusEntry } from '../../../badges/status/status-list.ts';
import { buildStatusListCredential } from '../../../badges/status/status-list-credential.ts';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import type { VerifyOptions } from '../../../badges/verify/verify-credential.ts';
import {
  didWebOf,
  kidUrl,
  publishIssuer,
  startServer,
} from '../../integration/badges/ob3/issuer-server.ts';
import {
  EMAIL,
  type IssuedForms,
  issueEveryForm,
} from '../../integration/badges/verify/issued-forms.ts';
import { sampleInput } from '../../unit/badges/ob3/sample-input.ts';

export { EMAIL };
export const NOW = new Date('2026-06-01T12:00:00Z');
const SIGNED_AT = new Date('2026-03-04T10:00:00Z');

type Json = Record<string, unknown>;

export interface FuzzCredentials {
  /** Badge A, OB 3.0 Data Integrity, with a status entry on the issuer's list. */
  ob3: Json;
  /** Badge B: same issuer and key, another id, recipient and status index. */
  ob3Other: Json;
  /** Badge A's content, signed by a key under the issuer's DID that its document never lists. */
  ob3RogueKey: Json;
  /** Badge A's content, signed by a key of another did:web that names itself its controller. */
  ob3ForeignKey: Json;
  /** Badge A and B as VC-JWT (RS256). */
  jwt: string;
  jwtOther: string;
  /** The issuer's RSA public key (PEM), for the HS256 algorithm-confusion forgery. */
  rsaPublicPem: string;
  /** An impostor's RSA key and the URL its public JWK is served at. */
  impostorRsa: IssuerKey;
  impostorKidUrl: string;
  /** OB 2.0 hosted (JSON) and signed (JWS). */
  ob2Hosted: Json;
  ob2Signed: string;
  /** The verifier options every call uses: fixed clock, loopback allowed, the recipient. */
  options: VerifyOptions;
  close(): Promise<void>;
}

/** Starts the issuer sites and issues every badge the fuzz mutates. */
export async function issueFuzzCredentials(): Promise<FuzzCredentials> {
  const site = await startServer();
  const impostorSite = await startServer();
  const did = didWebOf(site);
  const issuer: Issuer = {
    profile: { id: did, name: 'Grange Numérique', url: site.baseUrl, email: 'c@grange.example' },
    keys: [
      await generateEd25519Key(did, '2026-01-01T00:00:00Z'),
      generateRsaKey(did, '2026-01-01T00:00:00Z'),
    ],
  };
  publishIssuer(site, issuer);
  const [ed25519, rsa] = issuer.keys as [IssuerKey, IssuerKey];

  const listId = `${site.baseUrl}/status/1`;
  const list = createStatusList({ id: listId });
  const indexA = list.allocate();
  const indexB = list.allocate();
  const statusList = await buildStatusListCredential(list, issuer, SIGNED_AT.toISOString());
  site.routes.set('/status/1', () => statusList);

  const contentA = buildOpenBadgeCredential(
    sampleInput({ issuer: issuer.profile, credentialStatus: statusEntry(list, indexA) }),
  );
  const contentB = buildOpenBadgeCredential(
    sampleInput({
      id: 'urn:uuid:9a1c0d7e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
      issuer: issuer.profile,
      recipient: { kind: 'email', value: 'dominique.petit@example.org', salt: 'f00dcafe' },
      credentialStatus: statusEntry(list, indexB),
    }),
  );
  const sign = (content: object, key: IssuerKey) =>
    signCredentialDataIntegrity(content, key, { now: SIGNED_AT }) as Promise<Json>;

  const rogue = await generateEd25519Key(did, '2026-01-01T00:00:00Z');
  const impostorDid = didWebOf(impostorSite);
  const impostor: Issuer = {
    profile: { id: impostorDid, name: 'Imposteur', url: impostorSite.baseUrl },
    keys: [
      await generateEd25519Key(impostorDid, '2026-01-01T00:00:00Z'),
      generateRsaKey(impostorDid, '2026-01-01T00:00:00Z'),
    ],
  };
  publishIssuer(impostorSite, impostor);
  const [impostorEd, impostorRsa] = impostor.keys as [IssuerKey, IssuerKey];
  // The signing helper refuses a key of another controller: the forger has no such scruple.
  const foreign = { ...impostorEd, controller: did };

  const ob2 = await issueEveryForm();
  const forms = (form: Parameters<IssuedForms['forms']['get']>[0]) => ob2.forms.get(form);
  return {
    ob3: await sign(contentA, ed25519),
    ob3Other: await sign(contentB, ed25519),
    ob3RogueKey: await sign(contentA, rogue),
    ob3ForeignKey: await sign(contentA, foreign),
    jwt: signCredentialJwt(contentA, rsa, kidUrl(site, rsa), { now: SIGNED_AT }),
    jwtOther: signCredentialJwt(contentB, rsa, kidUrl(site, rsa), { now: SIGNED_AT }),
    rsaPublicPem: rsa.publicKeyPem as string,
    impostorRsa,
    impostorKidUrl: kidUrl(impostorSite, impostorRsa),
    ob2Hosted: forms('ob2-hosted') as Json,
    ob2Signed: forms('ob2-signed') as string,
    options: { now: NOW, allowLoopback: true, email: EMAIL, timeoutMs: 2_000 },
    close: async () => {
      await Promise.all([site.close(), impostorSite.close(), ob2.server.close()]);
    },
  };
}

/** Whether a report shows a bug of the verifier itself (an exception it caught). */
export function internalErrorOf(report: VerificationReport): string | undefined {
  const check = report.checks.find(
    (c) => c.message.en.includes('internal error') || c.detail?.startsWith('internal error'),
  );
  return check === undefined ? undefined : `${check.id}: ${check.detail ?? check.message.en}`;
}

// ─── Mutations of JSON credentials ──────────────────────────────────────────────────────────

type Path = (string | number)[];

/** One change to a credential's JSON; indexes are taken modulo what the JSON has. */
export type JsonOp =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'append'; at: number; noise: string }
  | { kind: 'remove'; at: number }
  | { kind: 'retype'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'reorder'; seed: number }
  | { kind: 'date'; field: string; date: Date }
  | { kind: 'splice'; field: string; from: 'other' | 'rogue' | 'foreign' | 'both' }
  | { kind: 'issuer'; value: unknown }
  | { kind: 'recipient'; field: 'identityHash' | 'salt' | 'hashed' | 'all'; value: unknown };

const FIELDS_TO_SPLICE = ['proof', 'credentialStatus', 'credentialSubject', 'issuer'];
const DATE_FIELDS = ['validFrom', 'validUntil', 'awardedDate', 'issuanceDate', 'proof.created'];

const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', 0, -1, 2 ** 53, [], {}, { toString: 1 }, { id: 42 }, [null]),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const jsonOpArb: fc.Arbitrary<JsonOp> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: strangeValue }),
  fc.record({
    kind: fc.constant('append' as const),
    at: fc.nat(),
    noise: fc.string({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  // The same text as another JSON type ("42" ↔ 42, true ↔ "true"): JSON-LD tells them apart.
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.constantFrom('name', 'id', 'type', 'validUntil', '@context', '@id', 'extra', 'proof'),
    value: strangeValue,
  }),
  fc.record({ kind: fc.constant('reorder' as const), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('date' as const),
    field: fc.constantFrom(...DATE_FIELDS),
    date: fc.date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    field: fc.constantFrom(...FIELDS_TO_SPLICE),
    from: fc.constantFrom('other' as const, 'rogue' as const, 'foreign' as const, 'both' as const),
  }),
  fc.record({
    kind: fc.constant('issuer' as const),
    value: fc.oneof(
      fc.constantFrom('did:web:evil.example', 'https://evil.example/issuer'),
      strangeValue,
    ),
  }),
  fc.record({
    kind: fc.constant('recipient' as const),
    field: fc.constantFrom(
      'identityHash' as const,
      'salt' as const,
      'hashed' as const,
      'all' as const,
    ),
    value: strangeValue,
  }),
);

/** How many members and items a credential has (the range of an op's `at`). */
export function pathCount(credential: Json): number {
  return pathsOf(credential).length;
}

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...path, i]);
      pathsOf(item, [...path, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push([...path, key]);
      pathsOf(item, [...path, key], out);
    }
  }
  return out;
}

function at(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function containers(value: unknown): Record<string | number, unknown>[] {
  return [[], ...pathsOf(value)]
    .map((path) => at(value, path))
    .filter((node): node is Record<string, unknown> => typeof node === 'object' && node !== null);
}

function retyped(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return [value];
}

/** A copy with every object's members in a shuffled order (the same JSON value). */
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => reorder(item, seed + i));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const shuffled = entries
    .map((entry, i) => ({ entry, rank: ((i + 1) * 2_654_435_761 + seed) % 4_294_967_296 }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ entry: [key, item] }, i) => [key, reorder(item, seed + i)] as const);
  return Object.fromEntries(shuffled);
}

/**
 * Applies one change to a private copy of a credential.
 *
 * @param credential the copy, changed in place where possible.
 * @param op the change.
 * @param donors the badges whose parts may be spliced in.
 * @returns the changed credential (a new object for `reorder`).
 */
export function applyJsonOp(credential: Json, change: JsonOp, donors: FuzzCredentials): Json {
  // Generated values may be shared between runs (constants): never graft the instance itself.
  const op = structuredClone(change);
  switch (op.kind) {
    case 'reorder':
      return reorder(credential, op.seed) as Json;
    case 'date': {
      const [first, second] = op.field.split('.') as [string, string | undefined];
      const iso = op.date.toISOString().replace('.000Z', 'Z');
      if (second === undefined) credential[first] = iso;
      else {
        const proofs = ([] as unknown[]).concat(credential[first] ?? []);
        for (const proof of proofs)
          if (typeof proof === 'object' && proof) (proof as Json)[second] = iso;
      }
      return credential;
    }
    case 'splice': {
      const donor =
        op.from === 'rogue'
          ? donors.ob3RogueKey
          : op.from === 'foreign'
            ? donors.ob3ForeignKey
            : donors.ob3Other;
      const part = structuredClone(donor[op.field]);
      // 'both': the genuine proofs stay and a forged one joins them (any good proof suffices).
      credential[op.field] =
        op.from === 'both'
          ? [credential[op.field], structuredClone(donors.ob3RogueKey[op.field])].flat()
          : part;
      return credential;
    }
    case 'issuer': {
      const issuer = credential.issuer;
      if (typeof issuer === 'object' && issuer !== null && typeof op.value === 'string') {
        (issuer as Json).id = op.value;
      } else credential.issuer = op.value;
      return credential;
    }
    case 'recipient': {
      const subject = credential.credentialSubject as Json | undefined;
      const identifiers = subject?.identifier;
      const first: unknown = Array.isArray(identifiers) ? identifiers[0] : undefined;
      if (op.field === 'all' && typeof subject === 'object' && subject !== null) {
        subject.identifier = op.value;
      } else if (typeof first === 'object' && first !== null) {
        (first as Json)[op.field] = op.value;
      }
      return credential;
    }
    default:
      break;
  }
  const paths = pathsOf(credential);
  if (op.kind === 'add') {
    const targets = containers(credential).filter((c) => !Array.isArray(c));
    const target = targets[op.at % targets.length];
    if (target) target[op.key] = op.value;
    return credential;
  }
  const path = paths[op.at % Math.max(paths.length, 1)];
  if (path === undefined) return credential;
  const parent = at(credential, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  if (op.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (op.kind === 'retype') {
    parent[key] = retyped(parent[key]);
  } else if (op.kind === 'append') {
    const old = parent[key];
    parent[key] =
      typeof old === 'string'
        ? `${old}${op.noise}`
        : typeof old === 'number'
          ? old + 1
          : typeof old === 'boolean'
            ? !old
            : op.noise;
  } else {
    parent[key] = op.value;
  }
  return credential;
}

// ─── What the signature covers ──────────────────────────────────────────────────────────────

const { documentLoader } = createDocumentLoader();

/** JSON with object members sorted by name: equal JSON values give equal text. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

async function canonize(document: unknown): Promise<string | undefined> {
  try {
    return (await jsonld.canonize(document, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      base: null,
      safe: true,
      rdfDirection: 'i18n-datatype',
      documentLoader,
    })) as string;
  } catch {
    return undefined;
  }
}

/**
 * The N-Quads a Data Integrity signature covers, computed independently of the verifier with
 * jsonld in safe mode, as `eddsa-rdfc-2022` does; undefined when the JSON-LD cannot be
 * canonicalised (then no signature over it can verify).
 */
export async function signedQuads(credential: Json): Promise<string | undefined> {
  const { proof: _proof, ...document } = credential;
  return canonize(document);
}

/**
 * What identifies a proof: its signature value and the N-Quads of its options (the proof
 * without `proofValue`, under the credential's contexts), which the signature also covers.
 */
async function proofIdentities(credential: Json): Promise<string[]> {
  const identities: string[] = [];
  for (const proof of ([] as unknown[]).concat(credential.proof ?? [])) {
    if (typeof proof !== 'object' || proof === null) continue;
    const { proofValue, ...options } = proof as Json;
    const quads = await canonize({ ...options, '@context': credential['@context'] });
    if (typeof proofValue === 'string' && quads !== undefined) {
      identities.push(`${proofValue}\n${quads}`);
    }
  }
  return identities;
}

/**
 * Whether a changed credential still carries exactly what the original's signature covers:
 * the same canonical RDF, and one of the original proofs (the same signature over the same
 * proof options). Only then may it be valid.
 */
export async function stillSignedAsOriginal(
  changed: Json,
  original: Json,
  originalQuads: string,
): Promise<boolean> {
  const originalProofs = await proofIdentities(original);
  const proofs = await proofIdentities(changed);
  if (!proofs.some((proof) => originalProofs.includes(proof))) return false;
  return (await signedQuads(changed)) === originalQuads;
}

// ─── Mutations of compact JWS (VC-JWT, OB 2.0 signed) ───────────────────────────────────────

export type JwsOp =
  | { kind: 'payload'; ops: JsonOp[] }
  | { kind: 'header'; header: 'none' | 'hs256-confusion' | 'foreign-kid' | 'embedded-jwk' | Json }
  | { kind: 'signature'; with: 'other' | 'empty' | 'truncated' | 'padded' };

export const jwsOpArb: fc.Arbitrary<JwsOp> = fc.oneof(
  fc.record({
    kind: fc.constant('payload' as const),
    ops: fc.array(jsonOpArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('header' as const),
    header: fc.oneof(
      fc.constantFrom(
        'none' as const,
        'hs256-confusion' as const,
        'foreign-kid' as const,
        'embedded-jwk' as const,
      ),
      fc.dictionary(
        fc.constantFrom('alg', 'kid', 'typ', 'crit', 'jku', 'b64'),
        strangeValue,
      ) as fc.Arbitrary<Json>,
    ),
  }),
  fc.record({
    kind: fc.constant('signature' as const),
    with: fc.constantFrom(
      'other' as const,
      'empty' as const,
      'truncated' as const,
      'padded' as const,
    ),
  }),
);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (segment: string) =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Json;

/**
 * Applies one change to a compact JWS; header forgeries are re-signed the way an attacker
 * would (no signature, HMAC keyed with the public key, or the impostor's own RSA key).
 */
export function applyJwsOp(jws: string, op: JwsOp, donors: FuzzCredentials, other: string): string {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  if (op.kind === 'payload') {
    let claims = decode(payload);
    for (const inner of op.ops) claims = applyJsonOp(claims, inner, donors);
    return `${header}.${b64(claims)}.${signature}`;
  }
  if (op.kind === 'signature') {
    const otherSignature = other.split('.')[2] ?? '';
    const replaced =
      op.with === 'other'
        ? otherSignature
        : op.with === 'empty'
          ? ''
          : op.with === 'truncated'
            ? signature.slice(0, -4)
            : `${signature}==`;
    return `${header}.${payload}.${replaced}`;
  }
  const original = decode(header);
  if (op.header === 'none') return `${b64({ ...original, alg: 'none' })}.${payload}.`;
  if (op.header === 'hs256-confusion') {
    const input = `${b64({ ...original, alg: 'HS256' })}.${payload}`;
    const mac = createHmac('sha256', donors.rsaPublicPem).update(input).digest('base64url');
    return `${input}.${mac}`;
  }
  if (op.header === 'foreign-kid' || op.header === 'embedded-jwk') {
    const forged =
      op.header === 'foreign-kid'
        ? { ...original, kid: donors.impostorKidUrl }
        : { ...original, jwk: rsaPublicJwk(donors.impostorRsa) };
    const input = `${b64(forged)}.${payload}`;
    const signed = createSign('RSA-SHA256')
      .update(input)
      .sign(donors.impostorRsa.privateKeyPem as string, 'base64url');
    return `${input}.${signed}`;
  }
  return `${b64({ ...original, ...op.header })}.${payload}.${signature}`;
}

/** A JWS signature covers the header and payload as sent, and is itself a byte string. */
export function sameSignedJws(a: string, b: string): boolean {
  const [ha, pa, sa = ''] = a.split('.');
  const [hb, pb, sb = ''] = b.split('.');
  return (
    ha === hb &&
    pa === pb &&
    Buffer.from(sa, 'base64url').equals(Buffer.from(sb, 'base64url')) &&
    a.split('.').length === b.split('.').length
  );
}

// ─── Containers ─────────────────────────────────────────────────────────────────────────────

export type Container = 'as-is' | 'text' | 'png' | 'svg';
export const containerArb = fc.constantFrom<Container>('as-is', 'text', 'png', 'svg');

let basePng: Buffer | undefined;
const baseSvg = renderBadgeSvg({ color: '#2a6f97', icon: 'mail' });

/**
 * Puts a badge in a container: as given, as text (JSON re-indented: whitespace never changes a
 * badge), baked in a PNG or an SVG.
 */
export function contain(value: Json | string, container: Container, version: '2.0' | '3.0') {
  if (container === 'as-is') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 3);
  if (container === 'text') return ` \n${text}\n\t`;
  if (container === 'png') {
    basePng ??= renderBadgePng(baseSvg, 64);
    return new Uint8Array(
      bakePng(basePng, version === '3.0' ? 'openbadgecredential' : 'openbadges', text),
    );
  }
  try {
    if (version === '3.0') {
      return typeof value === 'string'
        ? bakeSvg(baseSvg, { version: '3.0', jwt: value })
        : bakeSvg(baseSvg, { version: '3.0', credential: value });
    }
    return typeof value === 'string'
      ? bakeSvg(baseSvg, { version: '2.0', jws: value })
      : bakeSvg(baseSvg, { version: '2.0', assertion: value });
  } catch (error) {
    if (!(error instanceof BakingError)) throw error;
    return handBakedSvg(value, version);
  }
}

/** What a forger writes when the baking library refuses the payload: the element by hand. */
function handBakedSvg(value: Json | string, version: '2.0' | '3.0'): string {
  const namespace = version === '3.0' ? OB3_SVG_NAMESPACE : OB2_SVG_NAMESPACE;
  const element = version === '3.0' ? 'credential' : 'assertion';
  const attribute = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const verify =
    typeof value === 'string'
      ? ` verify="${attribute(value)}"`
      : typeof value.id === 'string'
        ? ` verify="${attribute(value.id)}"`
        : '';
  const body =
    typeof value === 'string'
      ? ''
      : `<![CDATA[${JSON.stringify(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${namespace}"><openbadges:${element}${verify}>${body}</openbadges:${element}></svg>`;
}
