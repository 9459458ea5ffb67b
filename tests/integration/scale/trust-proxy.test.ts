/**
 * Behind a load balancer, limits per client address hold only if Grange knows the client's
 * address: it takes it from `X-Forwarded-For` when the request comes from a proxy TRUST_PROXY
 * names (loopback by default). Shown on `POST /verify`'s budget of verifications per address,
 * which counts a request before reading its body.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERIFICATIONS_PER_CLIENT } from '../../../server/http/verify-limits.ts';
import { closeServer } from '../../support/close-server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';
import { serveApp } from '../../support/serve-app.ts';

const JWT_SECRET = 'scale-trust-proxy-secret-with-enough-entropy-0123456789';

describe('client addresses behind a load balancer', () => {
  let test: TestDatabase;
  const servers: Server[] = [];

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
  });

  afterAll(async () => {
    for (const server of servers) await closeServer(server);
    await test?.dispose();
  });

  /** @returns the statuses of one `POST /verify` per forwarded address, in order. */
  const verifyFrom = async (env: Record<string, string>, clients: number): Promise<number[]> => {
    const { server, base } = await serveApp(test.db, {
      clock: () => new Date(),
      jwtSecret: JWT_SECRET,
      env,
    });
    servers.push(server);
    const statuses: number[] = [];
    for (let i = 0; i < clients; i += 1) {
      const response = await fetch(`${base}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i + 1}` },
        body: '{}',
      });
      statuses.push(response.status);
    }
    return statuses;
  };

  it('counts each client apart when the load balancer is a trusted proxy', async () => {
    // The test's requests come from loopback, trusted by default.
    const statuses = await verifyFrom({}, VERIFICATIONS_PER_CLIENT + 5);
    expect(statuses.every((status) => status === 400)).toBe(true);
  });

  it('counts every client as the load balancer when it is not named in TRUST_PROXY', async () => {
    const statuses = await verifyFrom({ TRUST_PROXY: '192.0.2.1' }, VERIFICATIONS_PER_CLIENT + 1);
    expect(statuses.slice(0, VERIFICATIONS_PER_CLIENT).every((status) => status === 400)).toBe(
      true,
    );
    expect(statuses.at(-1)).toBe(429);
  });
});
