/**
 * Admin pages and dialogs as the application renders them, against a fake API: an `AuthProvider`
 * on the fake server (anonymous: the fake answers every request), the i18n instance and a router
 * on an in-memory address.
 */
import type { ReactNode } from 'react';
import { AuthProvider } from '../../../client/src/app/auth/auth-context.tsx';
import { SessionManager } from '../../../client/src/app/auth/session-manager.ts';
import { type FakeServer, fakeServer } from '../support/fake-server.ts';
import { renderInApp } from '../support/render.tsx';

/** A GraphQL request the fake server received. */
export interface GraphqlCall {
  query: string;
  variables: Record<string, unknown>;
}

/**
 * @param ui the page or component.
 * @param answer the fake API: the `data` for each request.
 * @param path the address (path and `?search`).
 * @returns testing-library's result, the address history and the GraphQL requests sent.
 */
export function renderAdmin(
  ui: ReactNode,
  answer: (call: GraphqlCall) => unknown,
  path = '/admin',
) {
  const server: FakeServer = fakeServer();
  const requests: GraphqlCall[] = [];
  server.graphql = (body) => {
    const call = { query: body.query, variables: body.variables ?? {} };
    requests.push(call);
    return { data: answer(call) };
  };
  const session = new SessionManager({
    fetch: server.fetch,
    sessionStorage: window.sessionStorage,
    localStorage: window.localStorage,
    now: () => Date.now(),
    setTimeout: () => 0,
    clearTimeout: () => {},
  });
  const rendered = renderInApp(<AuthProvider session={session}>{ui}</AuthProvider>, { path });
  return { ...rendered, requests };
}
