/**
 * The sign-in page: the code from the QR card's address is filled in, the PIN field brings up
 * the phone's number pad and hides the digits, a wrong PIN is told in plain words, and a right
 * one signs in (the refresh token in sessionStorage, or localStorage when "Rester connecté").
 */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Route, Switch } from 'wouter';
import { AuthProvider } from '../../../client/src/app/auth/auth-context.tsx';
import { REFRESH_TOKEN_KEY, SessionManager } from '../../../client/src/app/auth/session-manager.ts';
import { SignInPage } from '../../../client/src/pages/sign-in/sign-in-page.tsx';
import { type FakeServer, fakeServer } from '../support/fake-server.ts';
import { renderInApp } from '../support/render.tsx';

let server: FakeServer;

function renderSignIn(path: string) {
  server = fakeServer();
  server.graphql = () => ({
    data: {
      me: { id: 'p1', displayName: 'Jeannine Dubois', roles: ['LEARNER'] },
      myPreferences: { locale: 'fr', largeText: false, highContrast: false },
    },
  });
  const session = new SessionManager({
    fetch: server.fetch,
    sessionStorage: window.sessionStorage,
    localStorage: window.localStorage,
    now: () => Date.now(),
    setTimeout: () => 0,
    clearTimeout: () => {},
  });
  return renderInApp(
    <AuthProvider session={session}>
      <Switch>
        <Route path="/connexion">
          <SignInPage />
        </Route>
        <Route>
          <p>Ailleurs</p>
        </Route>
      </Switch>
    </AuthProvider>,
    { path },
  );
}

beforeEach(() => {
  window.sessionStorage.clear();
  window.localStorage.clear();
});

describe('the sign-in page', () => {
  it('fills in the code carried by the QR card’s address', async () => {
    renderSignIn('/connexion?code=grange:learner:k7m4qx');
    const code = (await screen.findByLabelText('Votre code')) as HTMLInputElement;
    expect(code.value).toBe('K7M4QX');
  });

  it('asks for the PIN with the number pad, hidden as it is typed', async () => {
    renderSignIn('/connexion');
    const pin = (await screen.findByLabelText('Votre code secret')) as HTMLInputElement;
    expect(pin.type).toBe('password');
    expect(pin.inputMode).toBe('numeric');
    expect(pin.autocomplete).toBe('current-password');
    fireEvent.change(pin, { target: { value: '48a2 91' } });
    expect(pin.value).toBe('48291');
  });

  it('says plainly when the code or PIN is wrong', async () => {
    renderSignIn('/connexion?code=K7M4QX');
    fireEvent.change(await screen.findByLabelText('Votre code secret'), {
      target: { value: '111111' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Code ou code secret incorrect.');
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('signs in with code and PIN, keeping the session for this browser session only', async () => {
    const { location } = renderSignIn('/connexion?code=K7M4QX&suite=%2Fmes-badges');
    fireEvent.change(await screen.findByLabelText('Votre code secret'), {
      target: { value: '482913' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/mes-badges'));
    expect(server.calls[0]).toMatchObject({
      url: '/auth/login',
      body: { learnerCode: 'K7M4QX', pin: '482913' },
    });
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('remembers the session on this device when asked, and signs in with an email too', async () => {
    const { location } = renderSignIn('/connexion');
    fireEvent.click(await screen.findByLabelText('mon adresse e-mail'));
    server.accept = { email: 'yasmine@grange.example', password: 'un mot de passe' };
    fireEvent.change(screen.getByLabelText('Votre adresse e-mail'), {
      target: { value: ' yasmine@grange.example ' },
    });
    fireEvent.change(screen.getByLabelText('Votre mot de passe'), {
      target: { value: 'un mot de passe' },
    });
    fireEvent.click(screen.getByLabelText('Rester connecté sur cet appareil'));
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/'));
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(window.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('never sends people to another site after sign-in', async () => {
    const { location } = renderSignIn('/connexion?code=K7M4QX&suite=%2F%2Fevil.example');
    fireEvent.change(await screen.findByLabelText('Votre code secret'), {
      target: { value: '482913' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(location.history.at(-1)).toBe('/'));
  });
});
