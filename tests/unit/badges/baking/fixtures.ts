/** Shared inputs for the baking tests: a real badge PNG/SVG and sample payloads. */
import { renderBadgePng } from '../../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../../badges/images/badge-svg.ts';

export const BADGE_SVG = renderBadgeSvg({ color: '#2a6f97', icon: 'star', title: 'Étoile' });
export const BADGE_PNG = renderBadgePng(BADGE_SVG, 64);

/** Accents, typographic quotes, emoji (astral plane) and CJK: UTF-8 must survive. */
export const UTF8_NAME = 'Élodie « café » — ☕ 🎓 日本';

export const OB2_ASSERTION = {
  '@context': 'https://w3id.org/openbadges/v2',
  type: 'Assertion',
  id: 'https://grange.example/ob2/assertions/123?lang=fr&v=2',
  recipient: { type: 'email', hashed: true, identity: 'sha256$abc', salt: 'sel' },
  badge: 'https://grange.example/ob2/badges/premiers-pas',
  issuedOn: '2025-03-01T10:00:00Z',
  verification: { type: 'HostedBadge' },
  evidence: { narrative: UTF8_NAME },
};

export const OB3_CREDENTIAL = {
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  ],
  id: 'urn:uuid:2f1c2f5e-6b0d-4a0e-9a55-3a1d0c6f9e01',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:grange.example', type: ['Profile'], name: 'Grange Numérique' },
  validFrom: '2025-03-01T10:00:00Z',
  name: UTF8_NAME,
  credentialSubject: { type: ['AchievementSubject'], achievement: { name: 'a]]>b <tag> & "q"' } },
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z3abc' }],
};

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A compact JWS shaped like a real one (the signature is not checked by baking). */
export function fakeJws(payload: unknown): string {
  return `${b64url({ alg: 'EdDSA', kid: 'did:web:grange.example#key-1' })}.${b64url(payload)}.${Buffer.from('sig-bytes').toString('base64url')}`;
}

export const OB2_JWS = fakeJws(OB2_ASSERTION);
export const OB3_JWT = fakeJws({ vc: OB3_CREDENTIAL, iss: 'did:web:grange.example' });
