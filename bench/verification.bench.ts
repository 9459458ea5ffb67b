import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import { clearTemplates } from '../badges/canonical/canonize.ts';
import { createDocumentLoader, type LoadedDocument } from '../badges/contexts/document-loader.ts';
import { buildControllerDocument, type Issuer } from '../badges/issuer/issuer.ts';
import { generateEd25519Key, publicPart } from '../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../badges/ob3/data-integrity.ts';
import { createStatusList, statusEntry } from '../badges/status/status-list.ts';
import { buildStatusListCredential } from '../badges/status/status-list-credential.ts';
import { createProofCache } from '../badges/verify/proof-cache.ts';
import type { VerificationReport } from '../badges/verify/report.ts';
import type { Fetcher } from '../badges/verify/safe-fetch.ts';
import { type VerifyOptions, verifyCredential } from '../badges/verify/verify-credential.ts';
import {
  didWebOf,
  publishIssuer,
  startServer,
} from '../tests/integration/badges/ob3/issuer-server.ts';
import { sampleInput } from '../tests/unit/badges/ob3/sample-input.ts';
import { comparePaired, type PairResult, perSecond, times } from './support/paired-timing.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const POOL = 2_500;
const SIGN_AT = new Date('2026-03-04T10:00:00Z');
const NOW = new Date('2026-06-01T12:00:00Z');

/** What Digital Bazaar's status check answers (one result per status entry). */
interface StatusResult {
  verified: boolean;
  results?: { status: boolean }[];
}
// badges/types/vendor.d.ts declares only the list class of this library; the check is typed here.
const { checkStatus } = bitstringStatusList as unknown as {
  checkStatus(options: {
    credential: Record<string, unknown>;
    documentLoader: (url: string) => Promise<LoadedDocument>;
    suite: unknown;
    verifyBitstringStatusListCredential: boolean;
    verifyMatchingIssuers: boolean;
  }): Promise<StatusResult>;
};

const server = await startServer();
try {
  await main();
} finally {
  await server.close();
}

async function main(): Promise<void> {
  const did = didWebOf(server);
  const key = await generateEd25519Key(did, '2026-01-01T00:00:00Z');
  const issuer: Issuer = {
    profile: { id: did, name: 'Grange Numérique', url: server.baseUrl },
    keys: [key],
  };
  publishIssuer(server, issuer);
  const list = createStatusList({ id: `${server.baseUrl}/status/1` });

  // A pool of distinct credentials (other learners), so "first time" is really the first.
  const pool: Record<string, unknown>[] = [];
  for (let i = 0; i < POOL; i += 1) {
    const credential = buildOpenBadgeCredential(
      sampleInput({
        id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        issuer: issuer.profile,
        recipient: { kind: 'email', value: `apprenant.${i}@exemple.fr`, salt: `salt${i}` },
        credentialStatus: statusEntry(list, list.allocate()),
      }),
    );
    pool.push(await signCredentialDataIntegrity(credential, key, { now: SIGN_AT }));
  }
  const statusList = await buildStatusListCredential(list, issuer, SIGN_AT.toISOString());
  server.routes.set(new URL(list.id).pathname, () => statusList);
  const didDocument = buildControllerDocument(did, [publicPart(key)]);

  // Ours, as the server verifies its own badges: DID document preloaded, the list in-process.
  const inProcess: Fetcher = async (url) => ({
    ok: true,
    url,
    status: 200,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(statusList), 'utf8'),
  });
  const options = (overHttp: boolean, cache: ReturnType<typeof createProofCache>): VerifyOptions =>
    overHttp
      ? { now: NOW, allowLoopback: true, proofCache: cache }
      : {
          now: NOW,
          preloaded: new Map([[did, didDocument]]),
          fetcher: inProcess,
          proofCache: cache,
        };
  const expectValid = (report: VerificationReport): void => {
    if (report.verdict !== 'valid') {
      throw new Error(
        `expected a valid badge, got ${report.verdict}: ${JSON.stringify(report.checks)}`,
      );
    }
  };

  // The DCC side: the same documents from memory; the status list read and its signature checked.
  const { documentLoader } = createDocumentLoader({
    preloaded: new Map<string, unknown>([
      [did, didDocument],
      [list.id, statusList],
    ]),
  });
  const dccSuite = new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 });
  const dccVerify = async (credential: Record<string, unknown>) => {
    const result = await dccVc.verifyCredential({
      credential,
      suite: dccSuite,
      documentLoader,
      now: NOW,
      checkStatus: (opts: { credential: Record<string, unknown> }) =>
        checkStatus({
          credential: opts.credential,
          documentLoader,
          suite: dccSuite,
          verifyBitstringStatusListCredential: true,
          verifyMatchingIssuers: true,
        }),
    });
    if (!result.verified) throw new Error(`DCC: not verified: ${String(result.error)}`);
    return result;
  };
  await dccVerify(pool[0] as Record<string, unknown>);

  const results: Record<string, PairResult> = {};
  const run = async (name: string, overHttp: boolean, mode: 'first' | 'again' | 'cold') => {
    let next = 0;
    let dccNext = 0;
    const cache = createProofCache(mode === 'again' ? 100 : POOL * 4);
    const same = pool[0] as Record<string, unknown>;
    if (mode === 'again') expectValid(await verifyCredential(same, options(overHttp, cache)));
    const ours = async () => {
      let credential = same;
      if (mode !== 'again') {
        credential = pool[next] as Record<string, unknown>;
        next = (next + 1) % POOL;
        // Each credential once: a credential met again would come from the cache.
        if (next === 0) throw new Error('the pool ran out: raise POOL');
        if (mode === 'cold') clearTemplates();
      }
      expectValid(await verifyCredential(credential, options(overHttp, cache)));
    };
    const dcc = () => {
      const credential = mode === 'again' ? same : (pool[dccNext] as Record<string, unknown>);
      dccNext = (dccNext + 1) % POOL;
      return dccVerify(credential);
    };
    results[name] = await comparePaired(ours, dcc, {
      rounds: mode === 'again' ? 9 : 5,
      batchMs: mode === 'again' ? 200 : 120,
      warmUpMs: mode === 'again' ? 300 : 100,
    });
    const result = results[name] as PairResult;
    console.log(
      `${name.padEnd(24)} ours ${perSecond(result.ours.opsPerSecond).padStart(10)}  DCC ${perSecond(result.baseline.opsPerSecond).padStart(9)}  ×${times(result.ratio)}`,
    );
  };
  // The pool is shared by the "first" rows: each row gets its own slice by restarting the pool
  // with a fresh cache, which never holds credentials of another row.
  await run('first time', false, 'first');
  await run('again', false, 'again');
  await run('first time, cold shape', false, 'cold');
  await run('again, over HTTP', true, 'again');

  const first = results['first time'] as PairResult;
  const again = results.again as PairResult;
  const cold = results['first time, cold shape'] as PairResult;
  const againHttp = results['again, over HTTP'] as PairResult;
  const rows: SummaryRow[] = [
    {
      measure: 'verifyCredential, first time (a credential never seen, of a shape seen before)',
      ours: perSecond(first.ours.opsPerSecond),
      baseline: `@digitalcredentials/vc verifyCredential + status: ${perSecond(first.baseline.opsPerSecond)}`,
      ratio: first.ratio,
      target: '≥ 1×',
      met: first.ratio >= 1,
    },
    {
      measure: 'verifyCredential, the same credential again (status list read live, dates live)',
      ours: perSecond(again.ours.opsPerSecond),
      baseline: `@digitalcredentials/vc verifying it again: ${perSecond(again.baseline.opsPerSecond)}`,
      ratio: again.ratio,
      target: '≥ 20×',
      met: again.ratio >= 20,
    },
    {
      measure:
        'verifyCredential, first time ever (templates cleared before each: JSON-LD work done)',
      ours: perSecond(cold.ours.opsPerSecond),
      baseline: `@digitalcredentials/vc: ${perSecond(cold.baseline.opsPerSecond)}`,
      ratio: cold.ratio,
    },
    {
      measure: 'The same credential again, DID document and status list fetched over loopback HTTP',
      ours: perSecond(againHttp.ours.opsPerSecond),
      baseline: `@digitalcredentials/vc, documents in memory: ${perSecond(againHttp.baseline.opsPerSecond)}`,
      ratio: againHttp.ratio,
    },
  ];
  writeSummary({
    name: 'verification',
    title: 'Verification: OB 3.0 credentials, first time and again',
    commands: ['npx tsx bench/verification.bench.ts'],
    rows,
    notes: [
      "Both sides check the Data Integrity proof (eddsa-rdfc-2022), that the key is the issuer's, the dates and the BitstringStatusList entry (the list credential's own proof included). Ours also checks the structure against the OB 3.0 schema, the recipient and the issuer list, and writes the French and English report.",
      `"First time": every operation verifies a credential it never verified before (${POOL} distinct signed credentials of one shape); the shape's JSON-LD template is known, as it is for a server verifying its own badges. "First time ever" clears the templates before each verification.`,
      '"Again": the proof cache (badges/verify/proof-cache.ts, keyed by the SHA-256 of the JSON text of the credential and of the verification method as the issuer publishes it on this call) skips the signature check; the DID document is read, the key assessed (retired or rotated keys are seen), the status list fetched and its bit read, and the dates judged against the clock on every call.',
      'Ratios are medians of back-to-back batch pairs, each batch after a full garbage collection.',
    ],
  });

  writeResults('verification', {
    bench: 'verification',
    date: new Date().toISOString(),
    node: process.version,
    pool: POOL,
    results,
  });
}
