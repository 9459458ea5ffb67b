import { describe, expect, it } from 'vitest';
import {
  buildAssertion,
  buildBadgeClass,
  buildCryptographicKey,
  buildIssuerProfile,
  buildRevocationList,
  buildRevokedAssertionBody,
} from '../../../../badges/ob2/build-objects.ts';
import {
  assertionProblems,
  badgeClassProblems,
  profileProblems,
} from '../../../../badges/ob2/ob2-schemas.ts';
import { hashIdentity, identityMatches } from '../../../../badges/recipient/identity-hash.ts';

const OB2 = 'https://w3id.org/openbadges/v2';
const ISSUER = 'https://badges.grange.example/ob2/issuer';
const BADGE = 'https://badges.grange.example/ob2/badges/mail-pro';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function issuer(overrides: Partial<Parameters<typeof buildIssuerProfile>[0]> = {}) {
  return buildIssuerProfile({
    id: ISSUER,
    name: 'Grange Numérique',
    url: 'https://grange.example',
    email: 'badges@grange.example',
    ...overrides,
  });
}

function badgeClass(overrides: Partial<Parameters<typeof buildBadgeClass>[0]> = {}) {
  return buildBadgeClass({
    id: BADGE,
    name: 'Envoyer un mail professionnel',
    description: 'Rédiger et envoyer un mail avec une pièce jointe.',
    image: PNG,
    criteria: { narrative: 'A envoyé un mail avec objet, formule de politesse et pièce jointe.' },
    issuerId: ISSUER,
    ...overrides,
  });
}

function hosted(overrides: Partial<Parameters<typeof buildAssertion>[0]> = {}) {
  return buildAssertion({
    id: 'https://badges.grange.example/ob2/assertions/42',
    badgeClassId: BADGE,
    recipient: { kind: 'email', value: 'Camille.Dupont@Example.org', salt: 'f00dcafe' },
    issuedOn: '2025-01-15T10:00:00Z',
    verification: { type: 'HostedBadge' },
    ...overrides,
  });
}

describe('OB 2.0 identity hash', () => {
  it('reproduces the OB 2.0 text example: sha256 of "mayze" (identity "mayz", salt "e")', () => {
    expect(hashIdentity('email', 'mayz', 'e')).toBe(
      'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6',
    );
  });

  it('reproduces the OB 3.0 text example: a@example.com salted with "Kosher"', () => {
    expect(hashIdentity('email', 'a@example.com', 'Kosher')).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
  });
});

describe('buildIssuerProfile', () => {
  it('has the OB 2.0 context and the properties required of an issuer', () => {
    const profile = issuer();
    expect(profile).toEqual({
      '@context': OB2,
      type: 'Issuer',
      id: ISSUER,
      name: 'Grange Numérique',
      url: 'https://grange.example',
      email: 'badges@grange.example',
    });
    expect(profileProblems(profile, true)).toEqual([]);
  });

  it('lists key ids, the revocation list and a hosted-verification policy when given', () => {
    const profile = issuer({
      publicKeyIds: [`${ISSUER}/keys/1`],
      revocationListUrl: `${ISSUER}/revocations`,
      verification: { allowedOrigins: ['cdn.grange.example'] },
    });
    expect(profile.publicKey).toEqual([`${ISSUER}/keys/1`]);
    expect(profile.revocationList).toBe(`${ISSUER}/revocations`);
    expect(profile.verification).toEqual({
      type: 'VerificationObject',
      verificationProperty: 'id',
      allowedOrigins: ['cdn.grange.example'],
    });
  });

  it('refuses plain http on a public host, a non-https scheme and a missing email', () => {
    expect(() => issuer({ id: 'http://badges.grange.example/issuer' })).toThrow(/https/);
    expect(() => issuer({ id: 'did:web:grange.example' })).toThrow(/https/);
    expect(() => issuer({ email: '' })).toThrow(/email/);
  });

  it('accepts plain http on loopback, for local runs and tests', () => {
    expect(issuer({ id: 'http://127.0.0.1:8080/issuer' }).id).toBe('http://127.0.0.1:8080/issuer');
  });
});

describe('buildBadgeClass', () => {
  it('has every required property and passes the structure rules', () => {
    const badge = badgeClass({
      alignment: [
        {
          targetName: 'Communiquer par courriel',
          targetUrl: 'https://pix.fr/competences/2.1',
          targetFramework: 'Pix',
          targetCode: '2.1',
        },
      ],
      tags: ['numérique'],
    });
    expect(badge).toMatchObject({
      '@context': OB2,
      type: 'BadgeClass',
      id: BADGE,
      issuer: ISSUER,
      image: PNG,
      criteria: { narrative: expect.any(String) },
    });
    expect(badge.alignment?.[0]?.targetCode).toBe('2.1');
    expect(badgeClassProblems(badge, true)).toEqual([]);
  });

  it('requires the criteria text when there is no criteria page', () => {
    expect(() => badgeClass({ criteria: {} })).toThrow(/narrative/);
    expect(() => badgeClass({ criteria: { narrative: '  ' } })).toThrow(/narrative/);
    expect(
      badgeClass({ criteria: { id: 'https://grange.example/criteres/mail' } }).criteria,
    ).toEqual({
      id: 'https://grange.example/criteres/mail',
    });
  });

  it('takes PNG or SVG images only', () => {
    expect(badgeClass({ image: 'data:image/svg+xml;base64,PHN2Zz4=' }).image).toMatch(
      /^data:image\/svg/,
    );
    expect(() => badgeClass({ image: 'data:image/jpeg;base64,/9j/' })).toThrow(/png|svg/i);
  });

  it('accepts a framework identifier served over http, as ESCO publishes them', () => {
    const esco = 'http://data.europa.eu/esco/skill/bc0b0b5d-9b1b-4a1c-8e8c-0f6d6a2f1e4b';
    const badge = badgeClass({ alignment: [{ targetName: 'ESCO', targetUrl: esco }] });
    expect(badge.alignment?.[0]?.targetUrl).toBe(esco);
  });

  it('refuses an alignment without a target URL', () => {
    expect(() =>
      badgeClass({ alignment: [{ targetName: 'x', targetUrl: 'pas une url' }] }),
    ).toThrow(/targetUrl/);
  });
});

describe('buildAssertion', () => {
  it('publishes the recipient as a salted sha256 hash, never the email in clear', () => {
    const assertion = hosted();
    expect(assertion.recipient).toEqual({
      type: 'email',
      hashed: true,
      identity: hashIdentity('email', 'camille.dupont@example.org', 'f00dcafe'),
      salt: 'f00dcafe',
    });
    expect(JSON.stringify(assertion).toLowerCase()).not.toContain('camille');
    expect(JSON.stringify(assertion)).not.toContain('@example.org');
    expect(
      identityMatches(
        'email',
        ' camille.dupont@example.org ',
        assertion.recipient.identity,
        true,
        'f00dcafe',
      ),
    ).toBe(true);
  });

  it('gives hosted assertions the https URL they are served at', () => {
    const assertion = hosted();
    expect(assertion).toMatchObject({
      '@context': OB2,
      type: 'Assertion',
      id: 'https://badges.grange.example/ob2/assertions/42',
      badge: BADGE,
      verification: { type: 'HostedBadge' },
      issuedOn: '2025-01-15T10:00:00Z',
    });
    expect(assertionProblems(assertion, 'hosted')).toEqual([]);
    expect(() => hosted({ id: 'urn:uuid:0b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111' })).toThrow(/https/);
  });

  it('gives signed assertions a urn:uuid id and the key as creator', () => {
    const creator = `${ISSUER}/keys/1`;
    const assertion = hosted({
      id: 'urn:uuid:0b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111',
      verification: { type: 'SignedBadge', creator },
    });
    expect(assertion.id).toMatch(/^urn:uuid:/);
    expect(assertion.verification).toEqual({ type: 'SignedBadge', creator });
    expect(assertionProblems(assertion, 'signed')).toEqual([]);
    expect(() =>
      hosted({
        id: 'https://badges.grange.example/a/1',
        verification: { type: 'SignedBadge', creator },
      }),
    ).toThrow(/urn:uuid/);
  });

  it('writes optional evidence, narrative, expiry and baked image URL', () => {
    const assertion = hosted({
      expires: '2027-01-15T10:00:00Z',
      evidence: [{ narrative: 'Mail envoyé pendant l’atelier du 14 janvier.', name: 'Atelier' }],
      narrative: 'Validé par la formatrice.',
      image: 'https://badges.grange.example/ob2/assertions/42.png',
    });
    expect(assertion.expires).toBe('2027-01-15T10:00:00Z');
    expect(assertion.evidence).toEqual([
      { narrative: 'Mail envoyé pendant l’atelier du 14 janvier.', name: 'Atelier' },
    ]);
    expect(assertion.image).toBe('https://badges.grange.example/ob2/assertions/42.png');
    expect(assertionProblems(assertion, 'hosted')).toEqual([]);
  });

  it('refuses dates without time zone, expiry before issue, data URI images and empty salts', () => {
    expect(() => hosted({ issuedOn: '2025-01-15T10:00:00' })).toThrow(/time zone/);
    expect(() => hosted({ issuedOn: '2025-01-15' })).toThrow(/time zone/);
    expect(() => hosted({ expires: '2024-01-01T00:00:00Z' })).toThrow(/expire/);
    expect(() => hosted({ image: PNG })).toThrow(/https/);
    expect(() =>
      hosted({ recipient: { kind: 'email', value: 'a@example.org', salt: '' } }),
    ).toThrow(/salt/);
  });
});

describe('keys and revocation', () => {
  it('builds a CryptographicKey owned by the issuer', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n';
    expect(
      buildCryptographicKey({ id: `${ISSUER}/keys/1`, ownerId: ISSUER, publicKeyPem: pem }),
    ).toEqual({
      '@context': OB2,
      type: 'CryptographicKey',
      id: `${ISSUER}/keys/1`,
      owner: ISSUER,
      publicKeyPem: pem,
    });
    expect(() =>
      buildCryptographicKey({ id: `${ISSUER}/keys/1`, ownerId: ISSUER, publicKeyPem: 'x' }),
    ).toThrow(/PEM/);
  });

  it('lists revoked assertions, with their reason when there is one', () => {
    const list = buildRevocationList({
      id: `${ISSUER}/revocations`,
      issuerId: ISSUER,
      revoked: [
        { id: 'urn:uuid:0b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111' },
        { id: 'urn:uuid:1b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111', reason: 'Délivré par erreur' },
      ],
    });
    expect(list).toEqual({
      '@context': OB2,
      type: 'RevocationList',
      id: `${ISSUER}/revocations`,
      issuer: ISSUER,
      revokedAssertions: [
        'urn:uuid:0b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111',
        {
          id: 'urn:uuid:1b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111',
          revocationReason: 'Délivré par erreur',
        },
      ],
    });
  });

  it('builds the body served with 410 Gone', () => {
    expect(buildRevokedAssertionBody('https://b.example/a/1', 'Délivré par erreur')).toEqual({
      '@context': OB2,
      id: 'https://b.example/a/1',
      revoked: true,
      revocationReason: 'Délivré par erreur',
    });
  });
});
