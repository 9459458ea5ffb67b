import { performance } from 'node:perf_hooks';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import * as DccEd25519Multikey from '@digitalcredentials/ed25519-multikey';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import { canonizeCounts } from '../badges/canonical/canonize.ts';
import { createDocumentLoader } from '../badges/contexts/document-loader.ts';
import { buildControllerDocument, type IssuerProfile } from '../badges/issuer/issuer.ts';
import { generateEd25519Key, publicPart } from '../badges/keys/issuer-key.ts';
import {
  type BuildCredentialInput,
  buildOpenBadgeCredential,
} from '../badges/ob3/build-credential.ts';
import {
  signCredentialDataIntegrity,
  signCredentialDataIntegrityReference,
} from '../badges/ob3/data-integrity.ts';
import { newSalt } from '../badges/recipient/identity-hash.ts';
import { createStatusList, statusEntry } from '../badges/status/status-list.ts';
import { badgeDefinitionUrl } from '../server/app/issue-badge.ts';
import { bulkValidationOnSqlite } from './support/bulk-validation.ts';
import { comparePaired, measure, median, perSecond, times } from './support/paired-timing.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const LEARNERS = 1_000;
const TARGET = 5;
const PUBLIC_URL = 'https://grange.example';
const ISSUER: IssuerProfile = {
  id: 'did:web:grange.example',
  name: 'Grange Numérique',
  url: PUBLIC_URL,
  email: 'contact@grange.example',
};

const key = await generateEd25519Key(ISSUER.id, '2026-01-01T00:00:00Z');
const list = createStatusList({ id: `${PUBLIC_URL}/status/1` });

// Three badges of different shapes, as the shipped curricula have them.
const BADGES = [
  {
    id: 'seniors-numerique/premiers-pas',
    title: 'Premiers pas',
    description: 'Allumer son appareil, utiliser l’écran tactile, se connecter au Wi-Fi.',
    criteria: 'A validé les trois compétences des premiers pas devant un médiateur.',
    alignments: [
      { name: 'Pix 1.1', url: 'https://pix.fr/competences/1.1', framework: 'Pix', code: '1.1' },
    ],
    skills: ['Allumer son appareil', 'Utiliser l’écran tactile', 'Se connecter au Wi-Fi'],
    validityMonths: undefined,
  },
  {
    id: 'identite-numerique/mots-de-passe',
    title: 'Mots de passe solides',
    description: 'Créer et retenir des mots de passe « solides », et les garder secrets.',
    criteria: 'A créé un mot de passe solide et activé la double authentification.',
    alignments: [
      { name: 'Pix 4.1', url: 'https://pix.fr/competences/4.1', framework: 'Pix', code: '4.1' },
      { name: 'DigComp 4.1', url: 'https://digcomp.example/4.1', framework: 'DigComp' },
    ],
    skills: ['Mot de passe solide', 'Double authentification'],
    validityMonths: 24,
  },
  {
    id: 'courriel/envoyer',
    title: 'Envoyer un courriel',
    description: 'Rédiger et envoyer un courriel avec une pièce jointe.',
    criteria: 'A envoyé trois courriels avec pièce jointe.',
    alignments: [],
    skills: ['Rédiger un courriel', 'Joindre un fichier', 'Envoyer', 'Répondre à tous'],
    validityMonths: undefined,
  },
];

const ISSUED_AT = new Date('2026-03-04T17:30:00.000Z');

/** What issue-badge builds for one learner (see the module comment). */
function learnerInput(i: number): BuildCredentialInput {
  const badge = BADGES[i % BADGES.length] as (typeof BADGES)[number];
  const definitionUrl = badgeDefinitionUrl(PUBLIC_URL, badge.id);
  const issuedAt = new Date(ISSUED_AT.getTime() + i * 37).toISOString();
  const withEmail = i % 5 !== 0;
  const recipient = withEmail
    ? { kind: 'email' as const, value: `apprenant.${i}@exemple.fr` }
    : { kind: 'url' as const, value: `${PUBLIC_URL}/learners/learner-${i}` };
  const validUntil =
    badge.validityMonths === undefined
      ? undefined
      : new Date(Date.parse(issuedAt) + badge.validityMonths * 30 * 86_400_000).toISOString();
  return {
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    issuer: ISSUER,
    name: badge.title,
    description: badge.description,
    achievement: {
      id: definitionUrl,
      name: badge.title,
      description: badge.description,
      criteriaNarrative: badge.criteria,
      criteriaUrl: definitionUrl,
      image: `${definitionUrl}.png`,
      alignments: badge.alignments.map((a) => ({
        targetName: a.name,
        targetUrl: a.url,
        targetFramework: a.framework,
        ...(a.code === undefined ? {} : { targetCode: a.code }),
      })),
      inLanguage: 'fr',
      version: `sha256-${badge.id.length.toString(16).padStart(8, '0')}`,
    },
    recipient: { ...recipient, salt: newSalt() },
    evidence: badge.skills.map((skill, k) => ({
      name: skill,
      narrative: `Compétence « ${skill} » validée par un animateur le ${4 + k} mars 2026.`,
    })),
    validFrom: issuedAt,
    awardedDate: issuedAt,
    credentialStatus: statusEntry(list, list.allocate()),
    ...(validUntil === undefined ? {} : { validUntil }),
  };
}

const inputs = Array.from({ length: LEARNERS }, (_, i) => learnerInput(i));
const credentials = inputs.map((input) => buildOpenBadgeCredential(input));
const signingTimes = inputs.map((input) => new Date(input.validFrom));

// The DCC stack: its own Ed25519 key under the same issuer id, published next to ours.
const dccKey = await DccEd25519Multikey.generate();
dccKey.id = `${ISSUER.id}#${dccKey.publicKeyMultibase}`;
dccKey.controller = ISSUER.id;
const controller = buildControllerDocument(ISSUER.id, [publicPart(key)]) as unknown as Record<
  string,
  unknown
>;
const dccMethod = {
  id: dccKey.id,
  type: 'Multikey',
  controller: ISSUER.id,
  publicKeyMultibase: dccKey.publicKeyMultibase,
};
const withDccKey = {
  ...controller,
  verificationMethod: [...(controller.verificationMethod as unknown[]), dccMethod],
  assertionMethod: [...(controller.assertionMethod as unknown[]), dccKey.id],
};
const dccLoader = createDocumentLoader({ preloaded: new Map([[ISSUER.id, withDccKey]]) });
const dccIssue = (credential: object) =>
  dccVc.issue({
    credential: structuredClone(credential) as Record<string, unknown>,
    suite: new DccDataIntegrityProof({
      signer: dccKey.signer(),
      cryptosuite: dccEddsaRdfc2022,
      date: ISSUED_AT,
    }),
    documentLoader: dccLoader.documentLoader,
  });

// ---------------------------------------------------------------------------------------------
// Correctness first: ours equals the libraries' own path and verifies with the DCC stack.

for (const i of [0, 1, 2, 5, 500, 999]) {
  const credential = credentials[i] as object;
  const at = signingTimes[i] as Date;
  const fast = await signCredentialDataIntegrity(credential, key, { now: at });
  const reference = await signCredentialDataIntegrityReference(credential, key, { now: at });
  if (JSON.stringify(fast) !== JSON.stringify(reference)) {
    throw new Error(`learner ${i}: the fast proof differs from the reference`);
  }
  const verified = await dccVc.verifyCredential({
    credential: fast,
    suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
    documentLoader: dccLoader.documentLoader,
    checkStatus: async () => ({ verified: true }),
  });
  if (!verified.verified) throw new Error(`learner ${i}: @digitalcredentials/vc rejects ours`);
}

// ---------------------------------------------------------------------------------------------
// The bulk: 1,000 learners, each credential built then signed, one after another.

const bulk = async (): Promise<number> => {
  const begin = performance.now();
  for (let i = 0; i < LEARNERS; i += 1) {
    await signCredentialDataIntegrity(
      buildOpenBadgeCredential(inputs[i] as BuildCredentialInput),
      key,
      { now: signingTimes[i] as Date },
    );
  }
  return performance.now() - begin;
};
const countsBefore = { ...canonizeCounts };
await bulk();
const bulkMs: number[] = [];
for (let round = 0; round < 3; round += 1) bulkMs.push(await bulk());
const bulkRate = LEARNERS / (median(bulkMs) / 1000);
const fastShare =
  (canonizeCounts.template - countsBefore.template) /
  (canonizeCounts.template +
    canonizeCounts.templateFullLabelling +
    canonizeCounts.reference -
    countsBefore.template -
    countsBefore.templateFullLabelling -
    countsBefore.reference);
console.log(
  `bulk of ${LEARNERS}: ${perSecond(bulkRate)} (median of 3), fast path ${pct(fastShare)}`,
);

// Paired: the same learners' credentials, ours and the DCC's, batch against batch.
let nextOurs = 0;
let nextDcc = 0;
const oursOne = () => {
  const i = nextOurs;
  nextOurs = (nextOurs + 1) % LEARNERS;
  return signCredentialDataIntegrity(
    buildOpenBadgeCredential(inputs[i] as BuildCredentialInput),
    key,
    {
      now: signingTimes[i] as Date,
    },
  );
};
const dccOne = () => {
  const i = nextDcc;
  nextDcc = (nextDcc + 1) % LEARNERS;
  return dccIssue(buildOpenBadgeCredential(inputs[i] as BuildCredentialInput));
};
let nextReference = 0;
const referenceOne = () => {
  const i = nextReference;
  nextReference = (nextReference + 1) % LEARNERS;
  return signCredentialDataIntegrityReference(
    buildOpenBadgeCredential(inputs[i] as BuildCredentialInput),
    key,
    { now: signingTimes[i] as Date },
  );
};
const vsDcc = await comparePaired(oursOne, dccOne, { rounds: 9, batchMs: 400 });
console.log(
  `ours ${perSecond(vsDcc.ours.opsPerSecond)} vs DCC ${perSecond(vsDcc.baseline.opsPerSecond)}: ×${times(vsDcc.ratio)}`,
);
const vsReference = await comparePaired(oursOne, referenceOne, { rounds: 7, batchMs: 400 });
console.log(
  `ours ${perSecond(vsReference.ours.opsPerSecond)} vs libraries alone ${perSecond(vsReference.baseline.opsPerSecond)}: ×${times(vsReference.ratio)}`,
);

// The whole bulk validation through the use case, on SQLite.
const useCase = await bulkValidationOnSqlite(LEARNERS);
const dccAlone = await measure(dccOne, { rounds: 5, batchMs: 400 });
const useCaseRatio = useCase.issuedPerSecond / dccAlone.opsPerSecond;
console.log(
  `use case: ${useCase.issued} badges in ${(useCase.ms / 1000).toFixed(1)} s = ${perSecond(useCase.issuedPerSecond)}; DCC signing alone ${perSecond(dccAlone.opsPerSecond)}: ×${times(useCaseRatio)}`,
);

const rows: SummaryRow[] = [
  {
    measure: `Sign (build + eddsa-rdfc-2022) the credentials of a bulk validation, paired batches`,
    ours: perSecond(vsDcc.ours.opsPerSecond),
    baseline: `@digitalcredentials/vc issue of the same credentials: ${perSecond(vsDcc.baseline.opsPerSecond)}`,
    ratio: vsDcc.ratio,
    target: `≥ ${TARGET}×`,
    met: vsDcc.ratio >= TARGET,
  },
  {
    measure: `The ${LEARNERS.toLocaleString('en-US')} learners' credentials in one go (median of 3 runs)`,
    ours: perSecond(bulkRate),
    baseline: `@digitalcredentials/vc: ${perSecond(vsDcc.baseline.opsPerSecond)}`,
    ratio: bulkRate / vsDcc.baseline.opsPerSecond,
  },
  {
    measure: 'Same signatures through the libraries alone (jsonld + rdf-canonize each time)',
    ours: perSecond(vsReference.ours.opsPerSecond),
    baseline: `signCredentialDataIntegrityReference: ${perSecond(vsReference.baseline.opsPerSecond)}`,
    ratio: vsReference.ratio,
  },
  {
    measure: `Bulk validation through the use case on SQLite: ${useCase.learners.toLocaleString('en-US')} learners, one recordProgress each, ${useCase.issued.toLocaleString('en-US')} badges issued`,
    ours: `${perSecond(useCase.issuedPerSecond)} badges (${(useCase.ms / 1000).toFixed(1)} s)`,
    baseline: `@digitalcredentials/vc signing alone: ${perSecond(dccAlone.opsPerSecond)}`,
    ratio: useCaseRatio,
  },
];
writeSummary({
  name: 'issuance',
  title: 'Issuance: OB 3.0 credentials during a bulk validation',
  commands: ['npx tsx bench/issuance.bench.ts'],
  rows,
  notes: [
    `${LEARNERS.toLocaleString('en-US')} learners, ${BADGES.length} badge shapes (0–2 alignments, validity or none), a salted email or page hash, one evidence item per validated skill, a status list entry each: the input issue-badge builds. Before timing, six of the credentials are signed both ways and checked equal to the libraries' own proof and verified by @digitalcredentials/vc; tests/integration/badges/ob3/fast-signing.test.ts checks the same on 300 generated credentials.`,
    `How: the JSON-LD expansion and RDF conversion are done once per credential shape (the credential with its free values replaced by markers), each credential fills its values into that template; blank nodes are labelled directly when their quads tell them apart (RDFC-1.0 first-degree hashes), else by rdf-canonize; the issuer's key is decoded once. ${pct(fastShare)} of the canonicalizations in the bulk took the template path.`,
    'The DCC baseline signs with its own key of the same issuer; both sides build the credential inside the timed operation. Ratios are medians of back-to-back batch pairs, each batch after a full garbage collection.',
    'The use-case row runs recordProgress (what bulkValidate runs for each learner present) on a migrated SQLite file with the shipped curricula: each learner already has two of the three skills of « Premiers pas », and the timed validation of the third issues the badge (ledger, projection, status list, OB 3.0 and OB 2.0 forms, notification, one transaction per learner). Its baseline is the DCC stack signing alone, without any database work.',
  ],
});

writeResults('issuance', {
  bench: 'issuance',
  date: new Date().toISOString(),
  node: process.version,
  learners: LEARNERS,
  bulkMs,
  bulkRate,
  fastShare,
  vsDcc,
  vsReference,
  useCase,
  dccAlone,
});

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
