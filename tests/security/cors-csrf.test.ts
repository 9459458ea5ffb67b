/**
 * Threats: a page on another site reading the API's answers with a visitor's browser (CORS),
 * or making that browser change something (cross-site request forgery: a hidden form, a
 * `no-cors` fetch, an image URL).
 *
 * Proves, against the real application with the demo data:
 * - CORS is closed by default: an API request (GraphQL, `/auth/*`, the learner's exports)
 *   from a foreign origin gets no `Access-Control-Allow-Origin`, and its preflight is refused
 *   with no allow headers; an origin listed in `CORS_ORIGINS` is allowed, without credentials;
 *   a bad `CORS_ORIGINS` stops the start with a clear message.
 * - The public, read-only badge resources (award page, credential, baked images, definitions,
 *   OB 2.0 objects, issuer profiles, status lists, DID document) stay readable by any site
 *   (`*`, no credentials) and embeddable (`Cross-Origin-Resource-Policy: cross-origin`).
 * - No cross-site request can change state: Grange sets no cookie (the access token is a
 *   header a foreign page cannot add without a refused preflight); GraphQL refuses a mutation
 *   over GET and any POST a form can send (urlencoded, multipart, text/plain) without a
 *   preflight-only header, so a form from another site runs no mutation and no upload;
 *   sign-in takes JSON only, and forged sign-in bodies do not use up the address's allowance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { type DemoPerson, type DemoSite, startDemoSite } from './support/demo-site.ts';

const EVIL = 'https://evil.example';
const PARTNER = 'https://partner.example';

const PREFERENCES = '{ myPreferences { locale largeText highContrast } }';
/** @returns the mutation that sets the signed-in person's large-text preference. */
const setLargeText = (value: boolean) =>
  `mutation { updateMyPreferences(largeText: ${value}) { __typename ... on Preferences { largeText } } }`;

/** The CORS headers of an answer that allows something. */
const ALLOW_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
];

function allowHeadersOf(response: Response): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of ALLOW_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) found[name] = value;
  }
  return found;
}

describe.each(testDatabaseKinds())('cross-origin requests and forgery on %s', (kind) => {
  let site: DemoSite;
  let adult: DemoPerson;
  let token: string;
  let awardId: string;
  let badgeId: string;

  beforeAll(async () => {
    site = await startDemoSite(kind, { CORS_ORIGINS: `${PARTNER}, http://localhost:5173` });
    const found = site.learners.find((l) => l.email !== undefined && l.password !== undefined);
    if (found === undefined) throw new Error('the demo data has no adult with an email');
    adult = found;
    const issued = site.seeded.issued.find((award) => award.learnerKey === adult.key);
    const anyAdultAward = site.seeded.issued.find((award) =>
      site.learners.some((l) => l.key === award.learnerKey && !l.cast.isMinor),
    );
    const chosen = issued ?? anyAdultAward;
    if (chosen === undefined) throw new Error('the demo data issued no badge to an adult');
    awardId = chosen.awardId;
    badgeId = chosen.badgeId;
    token = await signIn();
  }, 300_000);
  afterAll(async () => {
    await site?.dispose();
  });

  async function signIn(): Promise<string> {
    const response = await fetch(`${site.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adult.email, password: adult.password }),
    });
    expect(response.status).toBe(200);
    // Nothing rides on cookies: a forged request would carry no one's session.
    expect(response.headers.get('set-cookie')).toBeNull();
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  const preflight = (path: string, origin: string, method = 'POST', headers = 'content-type') =>
    fetch(`${site.base}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': headers,
      },
    });

  const graphqlAs = async (
    query: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${site.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  async function largeText(): Promise<boolean> {
    const { body } = await graphqlAs(PREFERENCES, { authorization: `Bearer ${token}` });
    const data = body.data as { myPreferences: { largeText: boolean } };
    return data.myPreferences.largeText;
  }

  describe('CORS', () => {
    it('gives a foreign origin no access to the API, and refuses its preflights', async () => {
      const api: Array<[string, string, string]> = [
        ['/graphql', 'POST', 'content-type,authorization'],
        ['/graphql', 'POST', 'graphql-preflight'],
        ['/auth/login', 'POST', 'content-type'],
        ['/auth/refresh', 'POST', 'content-type'],
        ['/auth/logout-all', 'POST', 'authorization'],
        ['/me/clr.json', 'GET', 'authorization'],
        ['/me/passeport.pdf', 'GET', 'authorization'],
        ['/verify', 'POST', 'content-type'],
        [`/badges/${awardId}`, 'POST', 'content-type'],
      ];
      for (const [path, method, headers] of api) {
        const refused = await preflight(path, EVIL, method, headers);
        expect(refused.status, `${method} ${path}`).toBe(403);
        expect(allowHeadersOf(refused), `${method} ${path}`).toEqual({});
        const body = (await refused.json()) as { error: { code: string; message: object } };
        expect(body.error.code).toBe('cross-origin-refused');
        expect(body.error.message).toEqual({ fr: expect.any(String), en: expect.any(String) });
      }

      // The request itself (which a browser would not even send) is answered unreadable.
      const read = await fetch(`${site.base}/graphql`, {
        method: 'POST',
        headers: {
          origin: EVIL,
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: PREFERENCES }),
      });
      expect(read.status).toBe(200);
      expect(allowHeadersOf(read)).toEqual({});
      expect(read.headers.get('vary')).toMatch(/Origin/i);
      const login = await fetch(`${site.base}/auth/login`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': 'application/json' },
        body: JSON.stringify({ email: adult.email, password: 'not-the-password' }),
      });
      expect(login.status).toBe(401);
      expect(allowHeadersOf(login)).toEqual({});
      const clr = await fetch(`${site.base}/me/clr.json`, {
        headers: { origin: EVIL, authorization: `Bearer ${token}` },
      });
      expect(clr.status).toBe(200);
      expect(allowHeadersOf(clr)).toEqual({});
    });

    it('lets an origin of CORS_ORIGINS call the API, without credentials', async () => {
      for (const origin of [PARTNER, 'http://localhost:5173']) {
        const allowed = await preflight(
          '/graphql',
          origin,
          'POST',
          'content-type,authorization,graphql-preflight',
        );
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
        expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
        expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toBe(
          'accept,accept-language,authorization,content-type,graphql-preflight',
        );
        expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      }
      const answer = await fetch(`${site.base}/graphql`, {
        method: 'POST',
        headers: {
          origin: PARTNER,
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: PREFERENCES }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(PARTNER);
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
      expect(answer.headers.get('vary')).toMatch(/Origin/i);
      // Listed means exactly that origin: not another port, scheme or subdomain.
      for (const near of [
        'http://partner.example',
        'https://partner.example:8443',
        'https://a.partner.example',
      ]) {
        expect((await preflight('/graphql', near)).status, near).toBe(403);
      }
    });

    it('keeps the public badge resources readable and embeddable by every site', async () => {
      const publicReads: Array<[string, Record<string, string>]> = [
        [`/badges/${awardId}`, { accept: 'text/html' }],
        [`/badges/${awardId}`, { accept: 'application/ld+json' }],
        [`/badges/${awardId}.json`, {}],
        [`/badges/${awardId}.png`, {}],
        [`/badges/${awardId}.svg`, {}],
        [`/badges/definitions/${badgeId}`, { accept: 'text/html' }],
        [`/badges/definitions/${badgeId}.png`, {}],
        [`/badges/definitions/${badgeId}.svg`, {}],
        [`/ob2/assertions/${awardId}`, {}],
        [`/ob2/badges/${badgeId}`, {}],
        ['/ob2/issuer', {}],
        ['/issuer', {}],
        ['/status/1', {}],
        ['/.well-known/did.json', {}],
      ];
      for (const [path, headers] of publicReads) {
        const response = await fetch(`${site.base}${path}`, {
          headers: { origin: EVIL, ...headers },
        });
        expect(response.status, path).toBe(200);
        expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
        expect(response.headers.get('access-control-allow-credentials'), path).toBeNull();
        expect(response.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
        await response.arrayBuffer();
        const asked = await preflight(path, EVIL, 'GET', 'accept');
        expect(asked.status, path).toBe(204);
        expect(asked.headers.get('access-control-allow-origin'), path).toBe('*');
        expect(asked.headers.get('access-control-allow-methods'), path).toBe('GET,HEAD');
      }
      // Everything else stays for this site's pages only.
      for (const path of ['/graphql', '/verify', '/healthz', '/me/clr.json']) {
        const response = await fetch(`${site.base}${path}`, { headers: { origin: EVIL } });
        expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
        expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
        await response.arrayBuffer();
      }
    });
  });

  describe('cross-site request forgery', () => {
    it('refuses GraphQL posts a form can send, so no form runs a mutation', async () => {
      const before = await largeText();
      // Each forged request would flip the preference: any that ran would show.
      const SET_LARGE_TEXT = setLargeText(!before);
      const forms: Array<[string, Record<string, string>, BodyInit]> = [
        [
          'urlencoded form',
          { 'content-type': 'application/x-www-form-urlencoded' },
          new URLSearchParams({ query: SET_LARGE_TEXT }).toString(),
        ],
        [
          'text/plain beacon',
          { 'content-type': 'text/plain' },
          JSON.stringify({ query: SET_LARGE_TEXT }),
        ],
        [
          'text/plain with a charset',
          { 'content-type': 'text/plain;charset=UTF-8' },
          JSON.stringify({ query: SET_LARGE_TEXT }),
        ],
        // A string body would get text/plain from fetch; a Blob without a type gets nothing.
        ['no content type', {}, new Blob([JSON.stringify({ query: SET_LARGE_TEXT })])],
      ];
      const multipart = new FormData();
      multipart.set('operations', JSON.stringify({ query: SET_LARGE_TEXT, variables: {} }));
      multipart.set('map', '{}');
      for (const [what, headers, body] of [
        ...forms,
        ['multipart form (an upload)', {}, multipart] as [string, Record<string, string>, BodyInit],
      ]) {
        const response = await fetch(`${site.base}/graphql`, {
          method: 'POST',
          headers: { origin: EVIL, ...headers },
          body,
        });
        expect(response.status, what).toBe(403);
        const answer = (await response.json()) as {
          errors: { extensions: { code: string; messages: { fr: string; en: string } } }[];
        };
        expect(answer.errors[0]?.extensions.code, what).toBe('cross-site-request-refused');
        expect(answer.errors[0]?.extensions.messages.fr, what).toContain('GraphQL-Preflight');
      }
      expect(await largeText()).toBe(before);
    });

    it('refuses a mutation over GET, even with a token', async () => {
      const before = await largeText();
      const url = `${site.base}/graphql?query=${encodeURIComponent(setLargeText(!before))}`;
      const asked: Record<string, string>[] = [
        { origin: EVIL },
        { authorization: `Bearer ${token}` },
      ];
      for (const headers of asked) {
        const response = await fetch(url, { headers });
        expect(response.status).toBe(405);
        expect(response.headers.get('allow')).toBe('POST');
        await response.arrayBuffer();
      }
      expect(await largeText()).toBe(before);
    });

    it('runs uploads and mutations that carry a preflight-only header', async () => {
      // The web client's multipart upload: GraphQL-Preflight (and its Bearer token).
      const upload = new FormData();
      upload.set('operations', JSON.stringify({ query: PREFERENCES, variables: {} }));
      upload.set('map', '{}');
      const withHeader = await fetch(`${site.base}/graphql`, {
        method: 'POST',
        headers: { 'graphql-preflight': '1', authorization: `Bearer ${token}` },
        body: upload,
      });
      expect(withHeader.status).toBe(200);
      expect(((await withHeader.json()) as { data?: unknown }).data).toBeDefined();
      // The same JSON mutation the forms tried, sent as the client sends it, does change it.
      const before = await largeText();
      const changed = await graphqlAs(setLargeText(!before), { authorization: `Bearer ${token}` });
      expect(changed.status).toBe(200);
      expect(await largeText()).toBe(!before);
    });

    it('takes sign-in as JSON only; forged bodies sign no one in and use up no allowance', async () => {
      const forged: Array<[string, BodyInit]> = [
        [
          'application/x-www-form-urlencoded',
          new URLSearchParams({
            email: adult.email ?? '',
            password: adult.password ?? '',
          }).toString(),
        ],
        ['text/plain', JSON.stringify({ email: adult.email, password: adult.password })],
      ];
      // More than the address's allowance (20 failures in 5 minutes).
      for (let i = 0; i < 15; i += 1) {
        for (const [type, body] of forged) {
          const response = await fetch(`${site.base}/auth/login`, {
            method: 'POST',
            headers: { origin: EVIL, 'content-type': type },
            body,
          });
          expect(response.status, type).toBe(400);
          const answer = (await response.json()) as Record<string, unknown>;
          expect(answer.accessToken, type).toBeUndefined();
          expect(response.headers.get('set-cookie')).toBeNull();
        }
      }
      // The visitor (same address) still signs in.
      expect(await signIn()).toMatch(/^ey/);
      // Ending every session needs the token in a header: a form cannot do it.
      const logoutAll = await fetch(`${site.base}/auth/logout-all`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(logoutAll.status).toBe(401);
      const refresh = await fetch(`${site.base}/auth/refresh`, {
        method: 'POST',
        headers: { origin: EVIL, 'content-type': 'text/plain' },
        body: '{"refreshToken":"x"}',
      });
      expect(refresh.status).toBe(400);
    });
  });
});

describe('CORS_ORIGINS', () => {
  it('is empty by default, and takes a comma-separated list of origins', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(
      loadConfig({
        CORS_ORIGINS: ' https://partner.example , http://localhost:5173/, https://PARTNER.example ',
      }).corsOrigins,
    ).toEqual(['https://partner.example', 'http://localhost:5173']);
  });

  it.each([
    ['partner.example', 'no scheme'],
    ['https://partner.example/app', 'a path'],
    ['https://partner.example?x=1', 'a query'],
    ['ftp://partner.example', 'not http(s)'],
    ['*', 'a wildcard'],
  ])('refuses %s (%s), saying how to write it', (value) => {
    try {
      loadConfig({ CORS_ORIGINS: `https://ok.example,${value}` });
      expect.unreachable('the configuration should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const [problem] = (error as ConfigError).problems;
      expect(problem).toContain('CORS_ORIGINS');
      expect(problem).toContain(`"${value}" is not an origin`);
      expect(problem).toContain('e.g. CORS_ORIGINS=https://');
    }
  });
});
