/**
 * Issue and verify per second for every form Grange issues an Open Badge in, each next to
 * baselines measured in the same process: raw node:crypto signatures over the same bytes, and
 * the Digital Credentials Consortium stack (@digitalcredentials/vc) issuing and verifying the
 * same credential. Machines are noisy, so only the ratios (ours / baseline) are meant to be
 * compared between runs.
 *
 *   npx tsx bench/badges.bench.ts
 *
 * Writes bench/results/badges.json.
 *
 * The issuer's documents (did:web document, RSA JWK, OB 2.0 profile, badge class, key and
 * hosted assertion) are served by a loopback node:http server started here, in this process,
 * so its (small) share of the work is counted in the HTTP rows.
 */
import {
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  verify as cryptoVerify,
  generateKeyPairSync,
} from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import * as DccEd25519Multikey from '@digitalcredentials/ed25519-multikey';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import { bakePng, unbakePng } from '../badges/baking/png.ts';
import { bakeSvg, unbakeSvg } from '../badges/baking/svg.ts';
import { BUNDLED_CONTEXTS, MULTIKEY_V1_CONTEXT } from '../badges/contexts/bundled-contexts.ts';
import { renderBadgePng } from '../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../badges/images/badge-svg.ts';
import { buildControllerDocument, type Issuer } from '../badges/issuer/issuer.ts';
import { generateEd25519Key, generateRsaKey, publicPart } from '../badges/keys/issuer-key.ts';
import {
  type AssertionInput,
  buildAssertion,
  buildBadgeClass,
  buildCryptographicKey,
  buildIssuerProfile,
} from '../badges/ob2/build-objects.ts';
import { signAssertion } from '../badges/ob2/signed-assertion.ts';
import { buildOpenBadgeCredential } from '../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../badges/ob3/data-integrity.ts';
import { signCredentialJwt } from '../badges/ob3/vc-jwt.ts';
import type { VerificationReport } from '../badges/verify/report.ts';
import { createFetcher } from '../badges/verify/safe-fetch.ts';
import { type VerifyOptions, verifyCredential } from '../badges/verify/verify-credential.ts';
import {
  didWebOf,
  kidUrl,
  publishIssuer,
  startServer,
} from '../tests/integration/badges/ob3/issuer-server.ts';
import { sampleInput } from '../tests/unit/badges/ob3/sample-input.ts';
import { writeResults, writeSummary } from './support/summary.ts';

/**
 * Rounds: in each, every measure of ours is timed once, back to back with each of its
 * baselines. Ratios are the median of the rounds' ratios; ops/s the median of the batches.
 */
const ROUNDS = 13;
/** Each batch runs as many operations as fit in about this long (calibrated per measure). */
const BATCH_MS = 80;
/** Untimed running time first, so the JIT has compiled the code being measured. */
const WARM_UP_MS = 250;
/** Timed probe after warm-up, from which the batch size is computed. */
const PROBE_MS = 60;

const SIGN_AT = new Date('2026-03-04T10:00:00Z');
const NOW = new Date('2026-06-01T12:00:00Z');
const PNG_WIDTH = 512;

// A full garbage collection before every timed batch, so that no batch pays for the garbage the
// previous one left (the JSON-LD libraries allocate a lot, and a major collection landing in one
// side of a pair would swing its ratio by a third). Garbage a batch makes itself is still counted.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
let gcMs = 0;

// ---------------------------------------------------------------------------------------------
// The issuer, its site, and one badge in every form.

const server = await startServer();
try {
  await main();
} finally {
  await server.close();
}

async function main(): Promise<void> {
  const base = server.baseUrl;
  const did = didWebOf(server);
  const issuer: Issuer = {
    profile: { id: did, name: 'Grange Numérique', url: base, email: 'contact@grange.example' },
    keys: [
      await generateEd25519Key(did, '2026-01-01T00:00:00Z'),
      generateRsaKey(did, '2026-01-01T00:00:00Z'),
    ],
  };
  publishIssuer(server, issuer);
  const [ed25519, rsa] = issuer.keys as [(typeof issuer.keys)[0], (typeof issuer.keys)[0]];
  const rsaKid = kidUrl(server, rsa);
  const controllerDocument = buildControllerDocument(did, issuer.keys.map(publicPart));

  // OB 3.0: the tests' sample credential, without a status entry (nothing to revoke here, so
  // both verifiers do the same work: the proof, the key, the dates).
  const { credentialStatus: _none, ...ob3Input } = sampleInput({ issuer: issuer.profile });
  const credential = buildOpenBadgeCredential(ob3Input);
  const ob3Bytes = Buffer.from(JSON.stringify(credential), 'utf8');
  const diSigned = await signCredentialDataIntegrity(credential, ed25519, { now: SIGN_AT });
  const jwtSigned = signCredentialJwt(credential, rsa, rsaKid, { now: SIGN_AT });

  // OB 2.0: an https-style issuer on the same loopback site, as in the integration tests.
  const ob2Key = generateRsaKey(`${base}/ob2/issuer`, '2026-01-01T00:00:00Z');
  const ob2Profile = buildIssuerProfile({
    id: `${base}/ob2/issuer`,
    name: 'Grange Numérique',
    url: base,
    email: 'contact@grange.example',
    publicKeyIds: [`${base}/ob2/key`],
  });
  const badgeClass = buildBadgeClass({
    id: `${base}/ob2/badge`,
    name: 'Envoyer un courriel',
    description: 'Rédiger et envoyer un courriel.',
    image: 'data:image/png;base64,iVBORw0KGgo=',
    criteria: { narrative: 'A envoyé un courriel devant un médiateur.' },
    issuerId: ob2Profile.id,
  });
  const cryptographicKey = buildCryptographicKey({
    id: `${base}/ob2/key`,
    ownerId: ob2Profile.id,
    publicKeyPem: ob2Key.publicKeyPem as string,
  });
  const recipient = { kind: 'email' as const, value: 'camille.martin@example.org', salt: 'a1b2c3' };
  const hostedInput: AssertionInput = {
    id: `${base}/ob2/assertions/1`,
    badgeClassId: badgeClass.id,
    recipient,
    issuedOn: '2026-03-01T10:00:00Z',
    verification: { type: 'HostedBadge' },
  };
  const signedInput: AssertionInput = {
    ...hostedInput,
    id: 'urn:uuid:0b8b3a5e-6f5d-4d2a-9d1e-0c9f8e7d6c5b',
    verification: { type: 'SignedBadge', creator: cryptographicKey.id },
  };
  const hosted = buildAssertion(hostedInput);
  const signedAssertion = buildAssertion(signedInput);
  const ob2HostedBytes = Buffer.from(JSON.stringify(hosted), 'utf8');
  const ob2SignedBytes = Buffer.from(JSON.stringify(signedAssertion), 'utf8');
  const ob2Jws = signAssertion(signedAssertion, ob2Key);
  server.routes.set('/ob2/issuer', () => ob2Profile);
  server.routes.set('/ob2/badge', () => badgeClass);
  server.routes.set('/ob2/key', () => cryptographicKey);
  server.routes.set('/ob2/assertions/1', () => hosted);

  // Images: Grange's own badge picture, rendered at renderBadgePng's default width.
  const svgImage = renderBadgeSvg({ color: '#2a6f97', icon: 'mail' });
  const pngImage = renderBadgePng(svgImage, PNG_WIDTH);
  const diText = JSON.stringify(diSigned);
  const bakedPng = bakePng(pngImage, 'openbadgecredential', diText);
  const bakedSvg = bakeSvg(svgImage, { version: '3.0', credential: diSigned });

  // What a verifier may know without fetching: the issuer's documents, by id or URL.
  const preloadedDid = new Map<string, unknown>([[did, controllerDocument]]);
  const preloadedOb2 = new Map<string, unknown>([
    [ob2Profile.id, ob2Profile],
    [badgeClass.id, badgeClass],
    [cryptographicKey.id, cryptographicKey],
  ]);
  // The proof cache is off here: these rows time a whole verification each time (the cache,
  // which skips the signature for a credential seen before, is bench/verification.bench.ts's).
  const overHttp: VerifyOptions = { now: NOW, allowLoopback: true, proofCache: false };
  const offline = (preloaded: ReadonlyMap<string, unknown>): VerifyOptions => ({
    now: NOW,
    preloaded,
    proofCache: false,
  });

  // ---------------------------------------------------------------------------------------------
  // Baselines.

  // Raw Ed25519: a node:crypto key of its own (the key material does not change the timing).
  const rawEd = generateKeyPairSync('ed25519');
  const ob3EdSignature = cryptoSign(null, ob3Bytes, rawEd.privateKey);
  const hostedEdSignature = cryptoSign(null, ob2HostedBytes, rawEd.privateKey);
  // Raw RSA-SHA256 with the very keys the RS256 forms use, parsed once.
  const rsaPrivate = createPrivateKey(rsa.privateKeyPem as string);
  const rsaPublic = createPublicKey(rsa.publicKeyPem as string);
  const ob2Private = createPrivateKey(ob2Key.privateKeyPem as string);
  const ob2Public = createPublicKey(ob2Key.publicKeyPem as string);
  const ob3RsaSignature = cryptoSign('sha256', ob3Bytes, rsaPrivate);
  const ob2RsaSignature = cryptoSign('sha256', ob2SignedBytes, ob2Private);

  // The DCC stack signs the same credential (same issuer, same bytes) with a key of its own,
  // published in an issuer document its loader serves from memory, next to the bundled contexts.
  const dccKey = await DccEd25519Multikey.generate();
  dccKey.id = `${did}#${dccKey.publicKeyMultibase}`;
  dccKey.controller = did;
  const dccMethod = {
    id: dccKey.id,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: dccKey.publicKeyMultibase,
  };
  const dccController = {
    ...controllerDocument,
    verificationMethod: [dccMethod],
    assertionMethod: [dccMethod.id],
  };
  const dccLoader = async (url: string) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    if (url === did) return { contextUrl: null, documentUrl: url, document: dccController };
    if (url === dccMethod.id) {
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': MULTIKEY_V1_CONTEXT, ...dccMethod },
      };
    }
    throw new Error(`the DCC baseline loader does not know ${url}`);
  };
  const dccIssue = () =>
    dccVc.issue({
      credential: structuredClone(credential) as Record<string, unknown>,
      suite: new DccDataIntegrityProof({
        signer: dccKey.signer(),
        cryptosuite: dccEddsaRdfc2022,
        date: SIGN_AT,
      }),
      documentLoader: dccLoader,
    });
  const dccSigned = await dccIssue();
  const dccVerify = () =>
    dccVc.verifyCredential({
      credential: dccSigned,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader: dccLoader,
      now: NOW,
    });
  const safeFetcher = createFetcher({ allowLoopback: true });
  const didDocumentUrl = `${base}/.well-known/did.json`;

  // ---------------------------------------------------------------------------------------------
  // Everything measured, checked once first: a benchmark of a failing path would mean nothing.

  const report = (label: string) => (value: unknown) => {
    const result = value as VerificationReport;
    if (result.verdict !== 'valid') {
      const failing = result.checks.filter((c) => c.status !== 'passed' && c.id !== 'issuer-known');
      throw new Error(`${label}: ${result.verdict} ${JSON.stringify(failing)}`);
    }
  };
  const truthy = (label: string) => (value: unknown) => {
    if (!value) throw new Error(`${label} did not succeed`);
  };

  const baselines = {
    'ed25519.sign(ob3)': {
      label: 'raw Ed25519 sign, OB 3.0 credential bytes',
      op: () => cryptoSign(null, ob3Bytes, rawEd.privateKey),
    },
    'ed25519.verify(ob3)': {
      label: 'raw Ed25519 verify, OB 3.0 credential bytes',
      op: () => cryptoVerify(null, ob3Bytes, rawEd.publicKey, ob3EdSignature),
      check: truthy('raw Ed25519 verify'),
    },
    'ed25519.sign(ob2)': {
      label: 'raw Ed25519 sign, OB 2.0 assertion bytes',
      op: () => cryptoSign(null, ob2HostedBytes, rawEd.privateKey),
    },
    'ed25519.verify(ob2)': {
      label: 'raw Ed25519 verify, OB 2.0 assertion bytes',
      op: () => cryptoVerify(null, ob2HostedBytes, rawEd.publicKey, hostedEdSignature),
      check: truthy('raw Ed25519 verify'),
    },
    'rsa.sign(ob3)': {
      label: 'raw RSA-SHA256 sign, OB 3.0 credential bytes',
      op: () => cryptoSign('sha256', ob3Bytes, rsaPrivate),
    },
    'rsa.verify(ob3)': {
      label: 'raw RSA-SHA256 verify, OB 3.0 credential bytes',
      op: () => cryptoVerify('sha256', ob3Bytes, rsaPublic, ob3RsaSignature),
      check: truthy('raw RSA verify'),
    },
    'rsa.sign(ob2)': {
      label: 'raw RSA-SHA256 sign, OB 2.0 assertion bytes',
      op: () => cryptoSign('sha256', ob2SignedBytes, ob2Private),
    },
    'rsa.verify(ob2)': {
      label: 'raw RSA-SHA256 verify, OB 2.0 assertion bytes',
      op: () => cryptoVerify('sha256', ob2SignedBytes, ob2Public, ob2RsaSignature),
      check: truthy('raw RSA verify'),
    },
    'dcc.issue': {
      label: '@digitalcredentials/vc issue (eddsa-rdfc-2022)',
      op: dccIssue,
      check: truthy('DCC issue'),
    },
    'dcc.verify': {
      label: '@digitalcredentials/vc verifyCredential',
      op: dccVerify,
      check: (result: unknown) => truthy('DCC verify')((result as { verified: boolean }).verified),
    },
    'fetch(loopback)': {
      label: 'one safe fetch of the DID document over loopback',
      op: () => safeFetcher(didDocumentUrl),
      check: (result: unknown) => truthy('loopback fetch')((result as { ok: boolean }).ok),
    },
  } satisfies Record<string, Measured>;
  type Baseline = keyof typeof baselines;

  const measures: (Measured & { key: string; vs: Baseline[] })[] = [
    {
      key: 'ob3-di.issue',
      label: 'OB 3.0 Data Integrity: issue (build + sign)',
      op: () =>
        signCredentialDataIntegrity(buildOpenBadgeCredential(ob3Input), ed25519, { now: SIGN_AT }),
      vs: ['ed25519.sign(ob3)', 'dcc.issue'],
    },
    {
      key: 'ob3-di.verify.preloaded',
      label: 'OB 3.0 Data Integrity: verify, DID document preloaded',
      op: () => verifyCredential(diSigned, offline(preloadedDid)),
      check: report('OB 3.0 DI preloaded'),
      vs: ['ed25519.verify(ob3)', 'dcc.verify'],
    },
    {
      key: 'ob3-di.verify.http',
      label: 'OB 3.0 Data Integrity: verify, did:web over HTTP',
      op: () => verifyCredential(diSigned, overHttp),
      check: report('OB 3.0 DI over HTTP'),
      vs: ['ed25519.verify(ob3)', 'dcc.verify', 'fetch(loopback)'],
    },
    {
      key: 'ob3-jwt.issue',
      label: 'OB 3.0 VC-JWT RS256: issue (build + sign)',
      op: () =>
        signCredentialJwt(buildOpenBadgeCredential(ob3Input), rsa, rsaKid, { now: SIGN_AT }),
      vs: ['rsa.sign(ob3)'],
    },
    {
      key: 'ob3-jwt.verify.http',
      label: 'OB 3.0 VC-JWT RS256: verify, JWK over HTTP',
      op: () => verifyCredential(jwtSigned, overHttp),
      check: report('OB 3.0 VC-JWT'),
      vs: ['rsa.verify(ob3)', 'fetch(loopback)'],
    },
    {
      key: 'ob2-signed.issue',
      label: 'OB 2.0 signed JWS: issue (build + sign)',
      op: () => signAssertion(buildAssertion(signedInput), ob2Key),
      vs: ['rsa.sign(ob2)'],
    },
    {
      key: 'ob2-signed.verify.http',
      label: 'OB 2.0 signed JWS: verify, documents over HTTP',
      op: () => verifyCredential(ob2Jws, overHttp),
      check: report('OB 2.0 signed over HTTP'),
      vs: ['rsa.verify(ob2)', 'fetch(loopback)'],
    },
    {
      key: 'ob2-signed.verify.preloaded',
      label: 'OB 2.0 signed JWS: verify, documents preloaded',
      op: () => verifyCredential(ob2Jws, offline(preloadedOb2)),
      check: report('OB 2.0 signed preloaded'),
      vs: ['rsa.verify(ob2)'],
    },
    {
      key: 'ob2-hosted.issue',
      label: 'OB 2.0 hosted: issue (build, nothing to sign)',
      op: () => buildAssertion(hostedInput),
      vs: ['ed25519.sign(ob2)'],
    },
    {
      key: 'ob2-hosted.verify.http',
      label: 'OB 2.0 hosted: verify by URL over HTTP',
      op: () => verifyCredential(hostedInput.id, overHttp),
      check: report('OB 2.0 hosted'),
      vs: ['ed25519.verify(ob2)', 'fetch(loopback)'],
    },
    {
      key: 'bake.png',
      label: `bake OB 3.0 DI into a ${PNG_WIDTH} px PNG`,
      op: () => bakePng(pngImage, 'openbadgecredential', diText),
      vs: ['ed25519.sign(ob3)'],
    },
    {
      key: 'unbake.png',
      label: 'unbake it from the PNG',
      op: () => unbakePng(bakedPng),
      check: (result: unknown) => truthy('unbakePng')((result as { ok: boolean }).ok),
      vs: ['ed25519.verify(ob3)'],
    },
    {
      key: 'bake.svg',
      label: 'bake OB 3.0 DI into an SVG',
      op: () => bakeSvg(svgImage, { version: '3.0', credential: diSigned }),
      vs: ['ed25519.sign(ob3)'],
    },
    {
      key: 'unbake.svg',
      label: 'unbake it from the SVG',
      op: () => unbakeSvg(bakedSvg),
      check: (result: unknown) => truthy('unbakeSvg')((result as { ok: boolean }).ok),
      vs: ['ed25519.verify(ob3)'],
    },
    {
      key: 'ob3-di.verify.png.preloaded',
      label: 'verify the baked PNG (OB 3.0 DI), DID preloaded',
      op: () => verifyCredential(bakedPng, offline(preloadedDid)),
      check: report('baked PNG'),
      vs: ['ed25519.verify(ob3)', 'dcc.verify'],
    },
  ];

  // ---------------------------------------------------------------------------------------------
  // Timing.

  const all: (Measured & { key: string })[] = [
    ...Object.entries(baselines).map(([key, measured]) => ({ key, ...(measured as Measured) })),
    ...measures,
  ];
  const started = performance.now();
  // How many requests one operation makes to the issuer's site, read from the server's log.
  const requests = new Map<string, string[]>();
  for (const measured of all) {
    const before = server.requests.length;
    const result = await measured.op();
    measured.check?.(result);
    requests.set(measured.key, server.requests.slice(before));
  }
  const batchSizes = new Map<string, number>();
  for (const measured of all) batchSizes.set(measured.key, await calibrate(measured.op));
  // Each round times, back to back, one batch of each of our measures and of its baselines (in
  // an order that turns from round to round), so load from other processes, which comes and goes
  // over seconds, weighs on both sides of a ratio alike. A ratio is the median of these paired
  // ratios; ops/s is the median of every batch of that measure.
  const ops = new Map<string, () => unknown>(all.map((m) => [m.key, m.op]));
  const samples = new Map<string, number[]>(all.map((m) => [m.key, []]));
  const paired = new Map<string, Map<Baseline, number[]>>(
    measures.map((m) => [m.key, new Map(m.vs.map((b) => [b, []]))]),
  );
  const timeBatch = async (key: string): Promise<number> => {
    const size = batchSizes.get(key) as number;
    const perSecond = (size * 1000) / (await batch(ops.get(key) as () => unknown, size));
    samples.get(key)?.push(perSecond);
    return perSecond;
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const measure of measures) {
      const group = [measure.key, ...measure.vs];
      const measured = new Map<string, number>();
      for (let i = 0; i < group.length; i += 1) {
        const key = group[(i + round) % group.length] as string;
        measured.set(key, await timeBatch(key));
      }
      const ours = measured.get(measure.key) as number;
      for (const b of measure.vs)
        paired
          .get(measure.key)
          ?.get(b)
          ?.push(ours / (measured.get(b) as number));
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const summarize = (key: string) => {
    const list = [...(samples.get(key) ?? [])].sort((a, b) => a - b);
    const at = (q: number) => list[Math.round(q * (list.length - 1))] as number;
    return {
      opsPerSecond: median(list),
      batchSize: batchSizes.get(key) as number,
      min: at(0),
      q1: at(0.25),
      q3: at(0.75),
      max: at(1),
      samples: list,
      requestsPerOp: requests.get(key) ?? [],
    };
  };
  const baselineResults = Object.fromEntries(
    Object.entries(baselines).map(([key, { label }]) => [key, { label, ...summarize(key) }]),
  ) as Record<Baseline, { label: string } & ReturnType<typeof summarize>>;
  const rows = measures.map(({ key, label, vs }) => {
    const ours = summarize(key);
    return {
      key,
      label,
      ...ours,
      ratios: Object.fromEntries(
        vs.map((b) => [b, median([...(paired.get(key)?.get(b) ?? [])].sort((x, y) => x - y))]),
      ) as Partial<Record<Baseline, number>>,
      pairedRatios: Object.fromEntries(vs.map((b) => [b, paired.get(key)?.get(b) ?? []])),
    };
  });

  // ---------------------------------------------------------------------------------------------
  // Report.

  const short: Record<Baseline, string> = {
    'ed25519.sign(ob3)': 'raw Ed25519 sign',
    'ed25519.verify(ob3)': 'raw Ed25519 verify',
    'ed25519.sign(ob2)': 'raw Ed25519 sign',
    'ed25519.verify(ob2)': 'raw Ed25519 verify',
    'rsa.sign(ob3)': 'raw RSA sign',
    'rsa.verify(ob3)': 'raw RSA verify',
    'rsa.sign(ob2)': 'raw RSA sign',
    'rsa.verify(ob2)': 'raw RSA verify',
    'dcc.issue': 'DCC issue',
    'dcc.verify': 'DCC verify',
    'fetch(loopback)': 'one fetch',
  };
  const perSecond = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
  // Half the interquartile range, relative to the median: how much the batches disagreed.
  const spread = (r: { q1: number; q3: number; opsPerSecond: number }) =>
    `±${(((r.q3 - r.q1) / 2 / r.opsPerSecond) * 100).toFixed(0)}%`.padStart(5);
  const ratio = (n: number) => (n >= 100 ? n.toFixed(0) : n.toPrecision(3));
  console.log(
    `badges: OB 3.0 credential ${ob3Bytes.byteLength} B, OB 2.0 assertion ${ob2SignedBytes.byteLength} B, ` +
      `PNG ${PNG_WIDTH} px ${pngImage.byteLength} B, SVG ${svgImage.length} B; ${process.version}, ` +
      `${cpus().length} CPUs; median of ${ROUNDS} batches of ~${BATCH_MS} ms each; ${seconds.toFixed(0)} s`,
  );
  const WIDTH = 54;
  const line = (
    label: string,
    result: { opsPerSecond: number; q1: number; q3: number; requestsPerOp: string[] },
    ratios = '',
  ) =>
    console.log(
      `  ${label.padEnd(WIDTH)} ${perSecond(result.opsPerSecond)}  ${spread(result)}  ${String(result.requestsPerOp.length).padStart(4)}  ${ratios}`,
    );
  const header = (title: string, last = '') =>
    console.log(`\n${title.padEnd(WIDTH + 2)}     ops/s  spread  HTTP  ${last}`);
  header('Baselines');
  for (const result of Object.values(baselineResults)) line(result.label, result);
  header('Ours', 'ratio = ours / baseline (median of back-to-back batch pairs)');
  for (const row of rows) {
    const ratios = Object.entries(row.ratios)
      .map(([b, r]) => `${ratio(r as number)} × ${short[b as Baseline]}`)
      .join(', ');
    line(row.label, row, ratios);
  }
  console.log(
    '\nspread: half the interquartile range of the batches; HTTP: requests to the issuer per operation.',
  );

  writeResults('badges', {
    bench: 'badges',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    rounds: ROUNDS,
    batchMs: BATCH_MS,
    seconds,
    gcSeconds: gcMs / 1000,
    ratio: 'ours / baseline, in operations per second (below 1: ours is slower)',
    sizes: {
      ob3CredentialBytes: ob3Bytes.byteLength,
      ob3DataIntegrityBytes: Buffer.byteLength(diText),
      ob3JwtBytes: jwtSigned.length,
      ob2AssertionBytes: ob2SignedBytes.byteLength,
      ob2JwsBytes: ob2Jws.length,
      pngBytes: pngImage.byteLength,
      bakedPngBytes: bakedPng.byteLength,
      svgBytes: Buffer.byteLength(svgImage),
      bakedSvgBytes: Buffer.byteLength(bakedSvg),
    },
    baselines: baselineResults,
    measures: rows,
  });

  // For bench/RESULTS.md: each measure against the DCC stack when it is a baseline, else
  // against its first baseline.
  writeSummary({
    name: 'badges',
    title: 'Open Badges: issue and verify every form',
    commands: ['npx tsx bench/badges.bench.ts'],
    rows: rows.map((row) => {
      const against = (
        row.ratios['dcc.issue'] !== undefined
          ? 'dcc.issue'
          : row.ratios['dcc.verify'] !== undefined
            ? 'dcc.verify'
            : Object.keys(row.ratios)[0]
      ) as Baseline;
      const baseline = baselineResults[against];
      return {
        measure: row.label,
        ours: `${Math.round(row.opsPerSecond).toLocaleString('en-US')}/s`,
        baseline: `${baseline.label}: ${Math.round(baseline.opsPerSecond).toLocaleString('en-US')}/s`,
        ratio: row.ratios[against] ?? null,
      };
    }),
    notes: [
      `Median of ${ROUNDS} rounds of back-to-back batches (~${BATCH_MS} ms each, a full garbage collection before each); every ratio is the median of the paired batch ratios. bench/results/badges.json has every baseline of every row.`,
      'Verification rows check the whole credential each time (proof cache off).',
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers.

interface Measured {
  label: string;
  /** One operation; it may return a promise, which is awaited. */
  op: () => unknown;
  /** Throws when the operation's result shows it did not do its job. */
  check?: (result: unknown) => void;
}

/**
 * Milliseconds taken by `size` operations in a row (promises awaited, plain values not), after
 * a full garbage collection unless `collect` is false.
 */
async function batch(op: () => unknown, size: number, collect = true): Promise<number> {
  if (collect) {
    const gcStart = performance.now();
    collectGarbage();
    gcMs += performance.now() - gcStart;
  }
  const begin = performance.now();
  for (let i = 0; i < size; i += 1) {
    const result = op();
    if (result instanceof Promise) await result;
  }
  return performance.now() - begin;
}

/** Warms `op` up, then returns how many operations fill about BATCH_MS. */
async function calibrate(op: () => unknown): Promise<number> {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  while (performance.now() < warmUpEnd) await batch(op, 1, false);
  // Doubling batches until one lasts PROBE_MS: the timer is read per batch, not per operation.
  let size = 1;
  let ms = await batch(op, size, false);
  while (ms < PROBE_MS) {
    size *= 2;
    ms = await batch(op, size, false);
  }
  return Math.max(1, Math.round((size * BATCH_MS) / ms));
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
