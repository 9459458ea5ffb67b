/**
 * OB 3.0 issue → verify round trips, in both proof forms, against a real loopback issuer site
 * (did:web document, RSA JWKs, status list credential).
 */

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OB3_EXTENSIONS_CONTEXT } from '../../../../badges/contexts/bundled-contexts.ts';
import { buildControllerDocument, type Issuer } from '../../../../badges/issuer/issuer.ts';
import {
  generateEd25519Key,
  generateRsaKey,
  type IssuerKey,
  publicPart,
  rsaPublicJwk,
  signingKey,
} from '../../../../badges/keys/issuer-key.ts';
import {
  type BitstringStatusListEntry,
  type BuildCredentialInput,
  buildOpenBadgeCredential,
} from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { signCredentialJwt } from '../../../../badges/ob3/vc-jwt.ts';
import { verifyOb3Json, verifyOb3Jwt } from '../../../../badges/ob3/verify-ob3.ts';
import {
  createStatusList,
  type StatusList,
  statusEntry,
} from '../../../../badges/status/status-list.ts';
import {
  buildStatusListCredential,
  type SignedStatusListCredential,
} from '../../../../badges/status/status-list-credential.ts';
import type { VerifyContext } from '../../../../badges/verify/pipeline.ts';
import {
  buildReport,
  CHECK_IDS,
  type CheckId,
  type VerificationReport,
} from '../../../../badges/verify/report.ts';
import { createFetcher } from '../../../../badges/verify/safe-fetch.ts';
import { SAMPLE_EMAIL, sampleInput } from '../../../unit/badges/ob3/sample-input.ts';
import {
  deadUrl,
  didWebOf,
  kidUrl,
  type LoopbackServer,
  publishIssuer,
  startServer,
} from './issuer-server.ts';

type Form = 'json' | 'jwt';
type Artifact = Record<string, unknown> | string;

const NOW = new Date('2026-06-01T00:00:00Z');
const SIGN_AT = '2026-04-01T00:00:00Z';
const RETIRED_AT = '2026-03-01T00:00:00Z';
const ALL_CHECKS: CheckId[] = [...CHECK_IDS];

let server: LoopbackServer;
let issuer: Issuer;
let list: StatusList;
/** The retired (before 2026-03-01) and current keys of each algorithm. */
let keys: { oldEd: IssuerKey; newEd: IssuerKey; oldRsa: IssuerKey; newRsa: IssuerKey };

async function publishStatusList(at: string): Promise<void> {
  const credential = await buildStatusListCredential(list, issuer, at);
  server.routes.set(new URL(list.id).pathname, () => credential);
}

beforeAll(async () => {
  server = await startServer();
  const did = didWebOf(server);
  const oldEd = {
    ...(await generateEd25519Key(did, '2025-01-01T00:00:00Z')),
    retiredAt: RETIRED_AT,
  };
  const newEd = await generateEd25519Key(did, RETIRED_AT);
  const oldRsa = { ...generateRsaKey(did, '2025-01-01T00:00:00Z'), retiredAt: RETIRED_AT };
  const newRsa = generateRsaKey(did, RETIRED_AT);
  keys = { oldEd, newEd, oldRsa, newRsa };
  issuer = {
    profile: {
      id: did,
      name: 'Grange Numérique',
      url: server.baseUrl,
      email: 'contact@grange.example',
    },
    keys: [oldEd, newEd, oldRsa, newRsa],
  };
  publishIssuer(server, issuer);
  list = createStatusList({ id: `${server.baseUrl}/status/1` });
  await publishStatusList('2026-05-01T00:00:00Z');
});

afterAll(async () => {
  await server.close();
});

type IssueOptions = {
  overrides?: Partial<BuildCredentialInput>;
  /** When the credential is signed (and, unless overridden, its validFrom). */
  signAt?: string;
  /** Signs with this key instead of the issuer's current one. */
  key?: IssuerKey;
  status?: BitstringStatusListEntry | 'none';
};

async function issue(
  form: Form,
  options: IssueOptions = {},
): Promise<{ artifact: Artifact; index?: number }> {
  const signAt = options.signAt ?? SIGN_AT;
  let index: number | undefined;
  let credentialStatus: BitstringStatusListEntry | undefined;
  if (options.status === undefined) {
    index = list.allocate();
    credentialStatus = statusEntry(list, index);
  } else if (options.status !== 'none') {
    credentialStatus = options.status;
  }
  const credential = buildOpenBadgeCredential(
    sampleInput({
      id: `urn:uuid:${randomUUID()}`,
      issuer: issuer.profile,
      validFrom: signAt,
      awardedDate: signAt,
      ...(credentialStatus ? { credentialStatus } : { credentialStatus: undefined }),
      ...options.overrides,
    }),
  );
  const now = new Date(signAt);
  if (form === 'json') {
    const key = options.key ?? signingKey(issuer.keys, 'Ed25519', signAt);
    return { artifact: await signCredentialDataIntegrity(credential, key, { now }), index };
  }
  const key = options.key ?? signingKey(issuer.keys, 'RSA', signAt);
  return { artifact: signCredentialJwt(credential, key, kidUrl(server, key), { now }), index };
}

function context(overrides: Partial<VerifyContext> = {}): VerifyContext {
  return {
    now: NOW,
    fetcher: createFetcher({ allowLoopback: true, timeoutMs: 2_000 }),
    didWebOverHttp: true,
    knownIssuers: [issuer.profile.id],
    recipient: { kind: 'email', value: SAMPLE_EMAIL },
    ...overrides,
  };
}

async function verify(
  form: Form,
  artifact: Artifact,
  overrides: Partial<VerifyContext> = {},
): Promise<VerificationReport> {
  const ctx = context(overrides);
  const result =
    form === 'json'
      ? await verifyOb3Json(artifact, ctx)
      : await verifyOb3Jwt(artifact as string, ctx);
  return buildReport(result.checks, ctx.recipient !== undefined, result.summary);
}

function statusOf(report: VerificationReport, id: CheckId): string | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

/** Sets the member at `path` inside either form, keeping the original signature. */
function tamper(
  form: Form,
  artifact: Artifact,
  path: (string | number)[],
  value: unknown,
): Artifact {
  if (form === 'json') {
    const copy = structuredClone(artifact) as Record<string, unknown>;
    setPath(copy, path, value);
    return copy;
  }
  const [header, payload, signature] = (artifact as string).split('.');
  const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  setPath(decoded, path, value);
  return [header, Buffer.from(JSON.stringify(decoded)).toString('base64url'), signature].join('.');
}

/** Sets (or, for `undefined`, deletes) a nested member. */
function setPath(target: unknown, path: (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Flips one byte in the middle of the signature itself. */
function corruptSignature(form: Form, artifact: Artifact): Artifact {
  if (form === 'json') {
    const copy = structuredClone(artifact) as { proof: { proofValue: string }[] };
    const value = copy.proof[0]?.proofValue ?? '';
    const position = 20;
    const replacement = value[position] === 'A' ? 'B' : 'A';
    copy.proof[0] = {
      ...(copy.proof[0] as { proofValue: string }),
      proofValue: value.slice(0, position) + replacement + value.slice(position + 1),
    };
    return copy as unknown as Artifact;
  }
  const [header, payload, signature] = (artifact as string).split('.');
  const bytes = Buffer.from(signature ?? '', 'base64url');
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
  return [header, payload, bytes.toString('base64url')].join('.');
}

describe.each<Form>(['json', 'jwt'])('OB 3.0 round trip (%s)', (form) => {
  it('issues a credential that passes every check: verdict valid', async () => {
    const { artifact } = await issue(form);
    const report = await verify(form, artifact);
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS);
    for (const c of report.checks) {
      expect({ id: c.id, status: c.status, detail: c.detail }).toMatchObject({
        id: c.id,
        status: 'passed',
      });
      expect(c.message.fr.length).toBeGreaterThan(0);
      expect(c.message.en.length).toBeGreaterThan(0);
    }
    expect(report.verdict).toBe('valid');
    expect(report.summary).toMatchObject({
      format: form === 'json' ? 'ob3-json' : 'ob3-jwt',
      name: 'Envoyer un courriel — Grange Numérique',
      issuerId: issuer.profile.id,
      issuerName: 'Grange Numérique',
      achievementId: 'https://grange.example/achievements/mail-basics',
      validFrom: SIGN_AT,
      result: 'Autonome',
    });
  });

  it.each<[string, (string | number)[], unknown]>([
    ['the credential name', ['name'], 'Administrateur système'],
    ['the achievement name', ['credentialSubject', 'achievement', 'name'], 'Expert réseau'],
    ['validFrom', ['validFrom'], '2026-03-15T00:00:00Z'],
    [
      'the recipient identityHash',
      ['credentialSubject', 'identifier', 0, 'identityHash'],
      `sha256$${'0'.repeat(64)}`,
    ],
  ])('detects a change of %s: proof failed, invalid', async (_, path, value) => {
    const { artifact } = await issue(form);
    const report = await verify(form, tamper(form, artifact, path, value));
    expect(statusOf(report, 'proof')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('detects a changed byte of the signature: invalid', async () => {
    const { artifact } = await issue(form);
    const report = await verify(form, corruptSignature(form, artifact));
    expect(statusOf(report, 'proof')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('rejects a credential signed by a key the issuer does not publish', async () => {
    const rogue =
      form === 'json'
        ? await generateEd25519Key(issuer.profile.id, '2025-01-01T00:00:00Z')
        : generateRsaKey(issuer.profile.id, '2025-01-01T00:00:00Z');
    // The JWT names the issuer's real key URL: the signature cannot match it.
    const artifact =
      form === 'json'
        ? (await issue(form, { key: rogue })).artifact
        : signCredentialJwt(
            buildOpenBadgeCredential(sampleInput({ issuer: issuer.profile, validFrom: SIGN_AT })),
            rogue,
            kidUrl(server, keys.newRsa),
            { now: new Date(SIGN_AT) },
          );
    const report = await verify(form, artifact);
    expect([statusOf(report, 'proof'), statusOf(report, 'issuer-key')]).toContain('failed');
    expect(statusOf(report, 'proof')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('rejects a credential signed by a key after its retirement (issuer-key failed)', async () => {
    const old = form === 'json' ? keys.oldEd : keys.oldRsa;
    // The platform itself refuses: a retired key never signs again…
    await expect(issue(form, { key: old })).rejects.toThrow(/not active/);
    // …so play a thief holding the retired key, signing with a clock after retirement.
    const { artifact } = await issue(form, { key: { ...old, retiredAt: undefined } });
    const report = await verify(form, artifact);
    expect(statusOf(report, 'issuer-key')).toBe('failed');
    expect(report.checks.find((c) => c.id === 'issuer-key')?.detail).toMatch(/retired/);
    expect(report.verdict).toBe('invalid');
  });

  it('keeps a credential signed before the key was retired valid after rotation', async () => {
    const before = await issue(form, { signAt: '2026-01-15T00:00:00Z' });
    const after = await issue(form);
    const beforeReport = await verify(form, before.artifact);
    const afterReport = await verify(form, after.artifact);
    expect(beforeReport.verdict).toBe('valid');
    expect(afterReport.verdict).toBe('valid');
    // Different keys signed them: the old one before 2026-03-01, the new one after.
    const signer = (artifact: Artifact) =>
      form === 'json'
        ? (artifact as { proof: { verificationMethod: string }[] }).proof[0]?.verificationMethod
        : (jwt.decode(artifact as string, { complete: true })?.header.kid as string);
    expect(signer(before.artifact)).toBe(
      form === 'json' ? keys.oldEd.id : kidUrl(server, keys.oldRsa),
    );
    expect(signer(after.artifact)).toBe(
      form === 'json' ? keys.newEd.id : kidUrl(server, keys.newRsa),
    );
  });

  it('reports a revoked credential: not-revoked failed, verdict revoked', async () => {
    const revoked = await issue(form);
    const kept = await issue(form);
    list.revoke(revoked.index as number);
    await publishStatusList('2026-05-15T00:00:00Z');
    const report = await verify(form, revoked.artifact);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'not-revoked')).toBe('failed');
    expect(report.verdict).toBe('revoked');
    expect((await verify(form, kept.artifact)).verdict).toBe('valid');
  });

  it('reports an expired credential', async () => {
    const { artifact } = await issue(form, {
      signAt: '2026-01-10T00:00:00Z',
      overrides: { validUntil: '2026-05-01T00:00:00Z' },
    });
    const report = await verify(form, artifact);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(report.checks.find((c) => c.id === 'dates')).toMatchObject({
      status: 'failed',
      reason: 'expired',
    });
    expect(report.verdict).toBe('expired');
    // The same credential before its end date is valid.
    expect((await verify(form, artifact, { now: new Date('2026-04-30T00:00:00Z') })).verdict).toBe(
      'valid',
    );
  });

  it('reports a credential whose validFrom is in the future as not yet valid', async () => {
    const { artifact } = await issue(form, { overrides: { validFrom: '2026-09-01T00:00:00Z' } });
    const report = await verify(form, artifact);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(report.checks.find((c) => c.id === 'dates')).toMatchObject({
      status: 'failed',
      reason: 'not-yet-valid',
    });
    expect(report.verdict).toBe('not-yet-valid');
  });

  it('reports a wrong recipient, and accepts the right email whatever its case and spaces', async () => {
    const { artifact } = await issue(form);
    const wrong = await verify(form, artifact, {
      recipient: { kind: 'email', value: 'someone@example.org' },
    });
    expect(statusOf(wrong, 'recipient')).toBe('failed');
    expect(wrong.verdict).toBe('wrong-recipient');
    const sloppy = await verify(form, artifact, {
      recipient: { kind: 'email', value: `  ${SAMPLE_EMAIL.toUpperCase()} ` },
    });
    expect(statusOf(sloppy, 'recipient')).toBe('passed');
    expect(sloppy.verdict).toBe('valid');
  });

  it('says "could not check" when the status list server is down', async () => {
    const url = await deadUrl('/status/9');
    const { artifact } = await issue(form, {
      status: {
        id: `${url}#5`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '5',
        statusListCredential: url,
      },
    });
    const report = await verify(form, artifact);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'not-revoked')).toBe('could-not-check');
    expect(report.verdict).toBe('could-not-check');
  });

  it('passes not-revoked when the issuer offers no revocation list', async () => {
    const { artifact } = await issue(form, { status: 'none' });
    const report = await verify(form, artifact);
    const notRevoked = report.checks.find((c) => c.id === 'not-revoked');
    expect(notRevoked?.status).toBe('passed');
    expect(notRevoked?.message.en).toMatch(/offers no revocation list/);
    expect(report.verdict).toBe('valid');
  });

  it('says "could not check" (not invalid) when the issuer\'s keys cannot be fetched', async () => {
    const { artifact } = await issue(form, { status: 'none' });
    const failing = createFetcher({ allowLoopback: false });
    const report = await verify(form, artifact, { fetcher: failing });
    expect(statusOf(report, 'proof')).toBe('could-not-check');
    expect(report.verdict).toBe('could-not-check');
  });

  it('reports an unknown issuer as informative only', async () => {
    const { artifact } = await issue(form);
    const report = await verify(form, artifact, { knownIssuers: [] });
    expect(statusOf(report, 'issuer-known')).toBe('could-not-check');
    expect(report.verdict).toBe('valid');
  });
});

describe('OB 3.0 JSON specifics', () => {
  it("rejects an unsigned credential and one whose proof names another issuer's key", async () => {
    const credential = buildOpenBadgeCredential(sampleInput({ issuer: issuer.profile }));
    const unsigned = await verify('json', credential);
    expect(statusOf(unsigned, 'proof')).toBe('failed');
    expect(unsigned.verdict).toBe('invalid');

    const { artifact } = await issue('json');
    const moved = tamper(
      'json',
      artifact,
      ['proof', 0, 'verificationMethod'],
      `did:key:${keys.newEd.publicKeyMultibase}#${keys.newEd.publicKeyMultibase}`,
    );
    const report = await verify('json', moved);
    expect(statusOf(report, 'issuer-key')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('accepts a credential with several proofs when one of them is valid', async () => {
    const { artifact } = await issue('json');
    const signed = artifact as { proof: Record<string, unknown>[] };
    const broken = corruptSignature('json', artifact) as { proof: Record<string, unknown>[] };
    const both = { ...signed, proof: [broken.proof[0], signed.proof[0]] };
    const report = await verify('json', both);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(report.verdict).toBe('valid');
  });

  it('returns every check id, and says why, for something that is not a credential', async () => {
    const report = await verify('json', 'not json at all');
    expect(report.checks.map((c) => c.id)).toEqual(ALL_CHECKS);
    expect(statusOf(report, 'parsed')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('fails structure for a credential missing its achievement criteria', async () => {
    const { artifact } = await issue('json');
    const report = await verify(
      'json',
      tamper('json', artifact, ['credentialSubject', 'achievement', 'criteria'], undefined),
    );
    expect(statusOf(report, 'structure')).toBe('failed');
    expect(report.checks.find((c) => c.id === 'structure')?.detail).toMatch(/criteria/);
    expect(report.verdict).toBe('invalid');
  });
});

describe('OB 3.0 status and VC 1.1 variants', () => {
  it('reads a 1EdTechRevocationList: listed means revoked, absent means not revoked', async () => {
    const revocationsPath = '/revocations';
    const listed: string[] = [];
    server.routes.set(revocationsPath, () => ({
      id: `${server.baseUrl}${revocationsPath}`,
      issuer: issuer.profile.id,
      revokedCredential: listed.map((id) => ({ id, revoked: true, revocationReason: 'erreur' })),
    }));
    const sign = async () => {
      const base = buildOpenBadgeCredential(
        sampleInput({
          id: `urn:uuid:${randomUUID()}`,
          issuer: issuer.profile,
          credentialStatus: undefined,
        }),
      );
      const credential = {
        ...base,
        '@context': [...base['@context'], OB3_EXTENSIONS_CONTEXT],
        credentialStatus: {
          id: `${server.baseUrl}${revocationsPath}`,
          type: '1EdTechRevocationList',
        },
      };
      return signCredentialDataIntegrity(credential, keys.newEd, { now: new Date(SIGN_AT) });
    };
    const revoked = await sign();
    const kept = await sign();
    listed.push(revoked.id);
    const report = await verify('json', revoked);
    expect(statusOf(report, 'not-revoked')).toBe('failed');
    expect(report.verdict).toBe('revoked');
    expect((await verify('json', kept)).verdict).toBe('valid');
  });

  it('does not trust a status list whose signature was broken (e.g. to hide a revocation)', async () => {
    const { artifact, index } = await issue('json');
    list.revoke(index as number);
    await publishStatusList('2026-05-20T00:00:00Z');
    const genuine = server.routes.get(new URL(list.id).pathname)?.() as SignedStatusListCredential;
    const cleared = createStatusList({ id: list.id }).encode();
    server.routes.set(new URL(list.id).pathname, () => ({
      ...genuine,
      credentialSubject: { ...genuine.credentialSubject, encodedList: cleared },
    }));
    try {
      const report = await verify('json', artifact);
      expect(statusOf(report, 'not-revoked')).toBe('could-not-check');
      expect(report.verdict).toBe('could-not-check');
    } finally {
      await publishStatusList('2026-05-20T00:00:00Z');
    }
  });

  it('accepts an OB 3.0 credential in the VC 1.1 form and reads issuanceDate/expirationDate', async () => {
    const {
      validFrom,
      awardedDate: _,
      ...rest
    } = buildOpenBadgeCredential(
      sampleInput({
        issuer: issuer.profile,
        validFrom: '2026-01-10T00:00:00Z',
        credentialStatus: undefined,
      }),
    );
    const credential = {
      ...rest,
      '@context': ['https://www.w3.org/2018/credentials/v1', rest['@context'][1]],
      issuanceDate: validFrom,
      expirationDate: '2026-05-01T00:00:00Z',
    };
    const signed = await signCredentialDataIntegrity(credential, keys.oldEd, {
      now: new Date('2026-01-10T00:00:00Z'),
    });
    const report = await verify('json', signed);
    expect(statusOf(report, 'structure')).toBe('passed');
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'issuer-key')).toBe('passed');
    expect(report.verdict).toBe('expired');
    expect(report.summary?.validUntil).toBe('2026-05-01T00:00:00Z');
  });
});

describe('OB 3.0 VC-JWT specifics', () => {
  const credential = () =>
    buildOpenBadgeCredential(
      sampleInput({ issuer: issuer.profile, validFrom: SIGN_AT, credentialStatus: undefined }),
    );

  it('signs with exactly the header {alg, typ, kid} and the registered claims', () => {
    const token = signCredentialJwt(credential(), keys.newRsa, kidUrl(server, keys.newRsa), {
      now: new Date(SIGN_AT),
    });
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: kidUrl(server, keys.newRsa) });
    const payload = decoded?.payload as Record<string, unknown>;
    const source = credential();
    expect(payload).toMatchObject({
      iss: issuer.profile.id,
      jti: source.id,
      sub: source.credentialSubject.id,
      nbf: Date.parse(SIGN_AT) / 1000,
      name: source.name,
    });
    expect(payload).not.toHaveProperty('vc');
    expect(payload).not.toHaveProperty('iat');
    expect(payload).not.toHaveProperty('exp');
  });

  it('refuses to sign without credentialSubject.id', () => {
    const { subjectId: _, ...input } = sampleInput({ issuer: issuer.profile });
    expect(() =>
      signCredentialJwt(buildOpenBadgeCredential(input), keys.newRsa, kidUrl(server, keys.newRsa), {
        now: new Date(SIGN_AT),
      }),
    ).toThrow(/credentialSubject\.id/);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicJwk = rsaPublicJwk(keys.newRsa);
    const secret = JSON.stringify(publicJwk);
    const source = credential();
    const token = jwt.sign(
      {
        ...source,
        iss: issuer.profile.id,
        jti: source.id,
        sub: source.credentialSubject.id,
        nbf: Date.parse(SIGN_AT) / 1000,
      },
      secret,
      { algorithm: 'HS256', keyid: kidUrl(server, keys.newRsa), noTimestamp: true },
    );
    const report = await verify('jwt', token);
    expect(statusOf(report, 'proof')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('refuses a header with members other than alg/typ/kid/jwk', async () => {
    const source = credential();
    const token = jwt.sign(
      {
        ...source,
        iss: issuer.profile.id,
        jti: source.id,
        sub: source.credentialSubject.id,
        nbf: Date.parse(SIGN_AT) / 1000,
      },
      keys.newRsa.privateKeyPem as string,
      {
        algorithm: 'RS256',
        keyid: kidUrl(server, keys.newRsa),
        noTimestamp: true,
        header: { alg: 'RS256', x5u: 'https://evil.example/cert' } as jwt.JwtHeader,
      },
    );
    const report = await verify('jwt', token);
    expect(report.checks.find((c) => c.id === 'proof')?.detail).toMatch(/x5u/);
    expect(report.verdict).toBe('invalid');
  });

  it('treats a key given only in the jwk header as self-asserted: issuer-key failed', async () => {
    const rogue = generateRsaKey(issuer.profile.id, '2025-01-01T00:00:00Z');
    const { kid: _kid, alg: _alg, use: _use, ...jwk } = rsaPublicJwk(rogue);
    const source = credential();
    const token = jwt.sign(
      {
        ...source,
        iss: issuer.profile.id,
        jti: source.id,
        sub: source.credentialSubject.id,
        nbf: Date.parse(SIGN_AT) / 1000,
      },
      rogue.privateKeyPem as string,
      { algorithm: 'RS256', noTimestamp: true, header: { alg: 'RS256', jwk } as jwt.JwtHeader },
    );
    const report = await verify('jwt', token);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'issuer-key')).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it("does not fetch a kid outside the issuer's site, and fails issuer-key", async () => {
    const offSite = kidUrl(server, keys.newRsa).replace('127.0.0.1', 'localhost');
    const token = signCredentialJwt(credential(), keys.newRsa, offSite, { now: new Date(SIGN_AT) });
    const before = server.requests.length;
    const report = await verify('jwt', token);
    expect(statusOf(report, 'issuer-key')).toBe('failed');
    expect(report.verdict).toBe('invalid');
    expect(server.requests.slice(before)).not.toContain(new URL(offSite).pathname);
  });

  it('fails the proof when a claim disagrees with the credential (iss ≠ issuer.id)', async () => {
    const source = credential();
    const token = jwt.sign(
      {
        ...source,
        iss: 'did:web:other.example',
        jti: source.id,
        sub: source.credentialSubject.id,
        nbf: Date.parse(SIGN_AT) / 1000,
      },
      keys.newRsa.privateKeyPem as string,
      { algorithm: 'RS256', keyid: kidUrl(server, keys.newRsa), noTimestamp: true },
    );
    const report = await verify('jwt', token);
    expect(report.checks.find((c) => c.id === 'proof')).toMatchObject({ status: 'failed' });
    expect(report.checks.find((c) => c.id === 'proof')?.detail).toMatch(/iss/);
  });

  /** Signs the payload of `credential()` with registered claims, as another issuer's tool might. */
  function claimsOf(source: ReturnType<typeof credential>) {
    return {
      ...source,
      iss: issuer.profile.id,
      jti: source.id,
      sub: source.credentialSubject.id,
      nbf: Date.parse(SIGN_AT) / 1000,
    };
  }

  it("verifies ES256 with a P-256 key served as a bare JWK on the issuer's site", async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    server.routes.set('/keys/ec-1.json', () => publicKey.export({ format: 'jwk' }));
    const token = jwt.sign(claimsOf(credential()), privateKey, {
      algorithm: 'ES256',
      keyid: `${server.baseUrl}/keys/ec-1.json`,
      noTimestamp: true,
    });
    const report = await verify('jwt', token);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'issuer-key')).toBe('passed');
    expect(report.verdict).toBe('valid');
  });

  it('resolves a kid that is a DID URL of the issuer to its publicKeyJwk', async () => {
    const did = issuer.profile.id;
    const document = buildControllerDocument(did, issuer.keys.map(publicPart)) as unknown as {
      verificationMethod: Record<string, unknown>[];
      assertionMethod: string[];
      '@context': string[];
    };
    const { kid: _kid, alg: _alg, use: _use, ...jwk } = rsaPublicJwk(keys.newRsa);
    const methodId = `${did}#rsa-jwk`;
    document['@context'] = [
      ...document['@context'],
      'https://w3id.org/security/suites/jws-2020/v1',
    ];
    document.verificationMethod.push({
      id: methodId,
      type: 'JsonWebKey2020',
      controller: did,
      publicKeyJwk: jwk,
    });
    document.assertionMethod.push(methodId);
    const token = signCredentialJwt(credential(), keys.newRsa, methodId, {
      now: new Date(SIGN_AT),
    });
    const report = await verify('jwt', token, { preloaded: new Map([[did, document]]) });
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(statusOf(report, 'issuer-key')).toBe('passed');
    expect(report.verdict).toBe('valid');
  });

  it('takes exp as the end of validity when the credential has no validUntil', async () => {
    const token = jwt.sign(
      { ...claimsOf(credential()), exp: Date.parse('2026-05-01T00:00:00Z') / 1000 },
      keys.newRsa.privateKeyPem as string,
      { algorithm: 'RS256', keyid: kidUrl(server, keys.newRsa), noTimestamp: true },
    );
    const report = await verify('jwt', token);
    expect(statusOf(report, 'proof')).toBe('passed');
    expect(report.verdict).toBe('expired');
  });
});
