/**
 * One badge issued in every form Grange produces, by an issuer whose site (did:web document,
 * JWKs, OB 2.0 objects) a loopback server plays: shared by the every-form and fuzz tests.
 */
import { bakePng } from '../../../../badges/baking/png.ts';
import { bakeSvg } from '../../../../badges/baking/svg.ts';
import { renderBadgePng } from '../../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../../badges/images/badge-svg.ts';
import type { Issuer } from '../../../../badges/issuer/issuer.ts';
import { generateEd25519Key, generateRsaKey } from '../../../../badges/keys/issuer-key.ts';
import {
  buildAssertion,
  buildBadgeClass,
  buildCryptographicKey,
  buildIssuerProfile,
} from '../../../../badges/ob2/build-objects.ts';
import { signAssertion } from '../../../../badges/ob2/signed-assertion.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { signCredentialJwt } from '../../../../badges/ob3/vc-jwt.ts';
import { sampleInput } from '../../../unit/badges/ob3/sample-input.ts';
import {
  didWebOf,
  kidUrl,
  type LoopbackServer,
  publishIssuer,
  startServer,
} from '../ob3/issuer-server.ts';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const EMAIL = 'camille.martin@example.org';
export const FORMS = ['ob3-json', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'] as const;
export type Form = (typeof FORMS)[number];

export interface IssuedForms {
  server: LoopbackServer;
  /** The credential of each form: an object (JSON forms) or a compact JWS (signed forms). */
  forms: Map<Form, string | object>;
  bakedPng(form: Form): Buffer;
  bakedSvg(form: Form): string;
}

/** Verifier options for these tests: fixed clock, loopback allowed. */
export function options(email?: string, now: Date = NOW) {
  return { now, allowLoopback: true, ...(email ? { email } : {}) };
}

/** Text of a form as it would be baked. */
export function textOf(value: string | object): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Starts the issuer's site and issues one badge in every form. */
export async function issueEveryForm(): Promise<IssuedForms> {
  const server = await startServer();
  const forms = new Map<Form, string | object>();
  const did = didWebOf(server);
  const issuer: Issuer = {
    profile: {
      id: did,
      name: 'Grange Numérique',
      url: server.baseUrl,
      email: 'contact@grange.example',
    },
    keys: [
      await generateEd25519Key(did, '2026-01-01T00:00:00Z'),
      generateRsaKey(did, '2026-01-01T00:00:00Z'),
    ],
  };
  publishIssuer(server, issuer);
  const [ed25519, rsa] = issuer.keys as [(typeof issuer.keys)[0], (typeof issuer.keys)[0]];

  const { credentialStatus: _none, ...input } = sampleInput({ issuer: issuer.profile });
  const credential = buildOpenBadgeCredential(input);
  forms.set('ob3-json', await signCredentialDataIntegrity(credential, ed25519, { now: NOW }));
  forms.set('ob3-jwt', signCredentialJwt(credential, rsa, kidUrl(server, rsa), { now: NOW }));

  // OB 2.0: an https-style issuer on the same loopback site.
  const base = server.baseUrl;
  const ob2Key = generateRsaKey(`${base}/ob2/issuer`, '2026-01-01T00:00:00Z');
  const profile = buildIssuerProfile({
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
    issuerId: profile.id,
  });
  const recipient = { kind: 'email' as const, value: EMAIL, salt: 'a1b2c3' };
  const hosted = buildAssertion({
    id: `${base}/ob2/assertions/1`,
    badgeClassId: badgeClass.id,
    recipient,
    issuedOn: '2026-03-01T10:00:00Z',
    verification: { type: 'HostedBadge' },
  });
  const signed = buildAssertion({
    id: 'urn:uuid:0b8b3a5e-6f5d-4d2a-9d1e-0c9f8e7d6c5b',
    badgeClassId: badgeClass.id,
    recipient,
    issuedOn: '2026-03-01T10:00:00Z',
    verification: { type: 'SignedBadge', creator: `${base}/ob2/key` },
  });
  server.routes.set('/ob2/issuer', () => profile);
  server.routes.set('/ob2/badge', () => badgeClass);
  server.routes.set('/ob2/key', () =>
    buildCryptographicKey({
      id: `${base}/ob2/key`,
      ownerId: profile.id,
      publicKeyPem: ob2Key.publicKeyPem as string,
    }),
  );
  server.routes.set('/ob2/assertions/1', () => hosted);
  forms.set('ob2-hosted', hosted);
  forms.set('ob2-signed', signAssertion(signed, ob2Key));

  const image = renderBadgeSvg({ color: '#2a6f97', icon: 'mail' });
  const png = renderBadgePng(image, 128);
  return {
    server,
    forms,
    bakedPng: (form) =>
      bakePng(
        png,
        form.startsWith('ob3') ? 'openbadgecredential' : 'openbadges',
        textOf(forms.get(form) as string | object),
      ),
    bakedSvg: (form) => {
      const value = forms.get(form) as string | object;
      if (form === 'ob3-json')
        return bakeSvg(image, { version: '3.0', credential: value as object });
      if (form === 'ob3-jwt') return bakeSvg(image, { version: '3.0', jwt: value as string });
      if (form === 'ob2-hosted')
        return bakeSvg(image, { version: '2.0', assertion: value as object });
      return bakeSvg(image, { version: '2.0', jws: value as string });
    },
  };
}
