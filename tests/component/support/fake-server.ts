/**
 * A fake of the server's `/auth/*` and `/graphql` for client tests: it issues numbered tokens,
 * rotates refresh tokens like the server (a used one is refused, and so is its whole family),
 * expires access tokens when told, and answers GraphQL with a function of the test.
 */
export interface FakeServer {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  calls: Array<{ url: string; body: unknown; authorization: string | null }>;
  /** Every access token issued so far stops working (as after 15 minutes). */
  expireAccessTokens(): void;
  /** Credentials /auth/login accepts. */
  accept: { learnerCode: string; pin: string } | { email: string; password: string };
  /** The answer to POST /graphql for a valid (or absent) token. */
  graphql: (body: { query: string; variables: Record<string, unknown> }) => unknown;
  revokedFamily: boolean;
}

export class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function fakeServer(): FakeServer {
  let issued = 0;
  const validAccess = new Set<string>();
  const validRefresh = new Set<string>();
  const usedRefresh = new Set<string>();
  const server: FakeServer = {
    calls: [],
    accept: { learnerCode: 'K7M4QX', pin: '482913' },
    graphql: () => ({ data: { me: null } }),
    revokedFamily: false,
    expireAccessTokens() {
      validAccess.clear();
    },
    async fetch(url, init) {
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body;
      const authorization = new Headers(init.headers).get('authorization');
      server.calls.push({ url, body, authorization });
      const session = () => {
        issued += 1;
        const tokens = {
          accessToken: `access-${issued}`,
          refreshToken: `refresh-${issued}`,
          expiresIn: 900,
        };
        validAccess.add(tokens.accessToken);
        validRefresh.add(tokens.refreshToken);
        return json(200, tokens);
      };
      if (url === '/auth/login') {
        if (JSON.stringify(body) === JSON.stringify(server.accept)) return session();
        return json(401, {
          error: {
            code: 'invalid-credentials',
            message: { fr: 'Code ou code secret incorrect.', en: 'Wrong code or secret code.' },
          },
        });
      }
      if (url === '/auth/refresh') {
        const token = (body as { refreshToken: string }).refreshToken;
        if (usedRefresh.has(token)) {
          server.revokedFamily = true;
          validRefresh.clear();
        }
        if (!validRefresh.has(token)) {
          return json(401, {
            error: {
              code: 'invalid-refresh-token',
              message: { fr: 'Session finie.', en: 'Session over.' },
            },
          });
        }
        validRefresh.delete(token);
        usedRefresh.add(token);
        return session();
      }
      if (url === '/auth/logout') {
        validRefresh.delete((body as { refreshToken: string }).refreshToken);
        return json(204, null);
      }
      if (url === '/graphql') {
        const token = authorization?.replace(/^Bearer /, '') ?? null;
        if (token !== null && !validAccess.has(token)) {
          return json(401, {
            errors: [{ message: 'invalid', extensions: { code: 'invalid-access-token' } }],
          });
        }
        return json(
          200,
          server.graphql(body as { query: string; variables: Record<string, unknown> }),
        );
      }
      return json(404, {});
    },
  };
  return server;
}
