/**
 * Who is signed in, for every page: the session (tokens, outside React), the viewer (`me` and
 * their preferences, read once per sign-in) and `graphql(operation, variables)` bound to the
 * session, renewing the access token when needed.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { gql, type NoVariables, type Operation, runOperation } from '../graphql.ts';
import { SessionManager, type SignInBody } from './session-manager.ts';

export type Role = 'LEARNER' | 'TRAINER' | 'COUNSELLOR' | 'ADMIN';

/** The signed-in person and how they like the platform shown. */
export interface Viewer {
  id: string;
  displayName: string;
  roles: Role[];
  preferences: { locale: string; largeText: boolean; highContrast: boolean };
}

export type AuthStatus = 'restoring' | 'signed-out' | 'signed-in';

export interface Auth {
  status: AuthStatus;
  /** Set once `status` is `signed-in`. */
  viewer: Viewer | null;
  signIn(body: SignInBody, remember: boolean): Promise<void>;
  signOut(): Promise<void>;
  /** Runs an operation as the signed-in person (anonymously when signed out). */
  graphql<TData, TVariables>(
    operation: Operation<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData>;
  /** Updates the viewer after a change (e.g. the preferences were saved). */
  setViewer(viewer: Viewer): void;
  /** `fetch` with the access token (renewed when needed), for downloads such as `/me/clr.json`. */
  fetch(url: string, init?: RequestInit): Promise<Response>;
}

const ViewerQuery = gql<
  {
    me: { id: string; displayName: string; roles: Role[] } | null;
    myPreferences: Viewer['preferences'];
  },
  NoVariables
>(`query Viewer {
  me { id displayName roles }
  myPreferences { locale largeText highContrast }
}`);

const AuthContext = createContext<Auth | null>(null);

/** @returns the session manager of this browser tab. */
export function browserSessionManager(): SessionManager {
  return new SessionManager({
    fetch: (url, init) => window.fetch(url, init),
    sessionStorage: window.sessionStorage,
    localStorage: window.localStorage,
    now: () => Date.now(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  });
}

/**
 * @param props.session the session manager (one per tab; tests pass their own).
 * @param props.children the application.
 */
export function AuthProvider({
  session,
  children,
}: {
  session: SessionManager;
  children: ReactNode;
}) {
  const [status, setStatus] = useState<AuthStatus>(session.signedIn ? 'signed-in' : 'restoring');
  const [viewer, setViewer] = useState<Viewer | null>(null);

  const graphql = useCallback(
    <TData, TVariables>(operation: Operation<TData, TVariables>, variables: TVariables) =>
      runOperation(session.fetch, operation, variables),
    [session],
  );

  const loadViewer = useCallback(async () => {
    const data = await runOperation(session.fetch, ViewerQuery, {});
    if (data.me === null) {
      // The account was disabled meanwhile: its token is worth nothing.
      await session.signOut();
      return;
    }
    setViewer({ ...data.me, preferences: data.myPreferences });
    setStatus('signed-in');
  }, [session]);

  useEffect(() => {
    const unsubscribe = session.subscribe((signedIn) => {
      if (!signedIn) {
        setViewer(null);
        setStatus('signed-out');
      }
    });
    let cancelled = false;
    session
      .restore()
      .then(async (restored) => {
        if (cancelled) return;
        if (restored) await loadViewer();
        else setStatus('signed-out');
      })
      .catch(() => {
        // Offline or the server is down: show the sign-in page; it will say what fails.
        if (!cancelled) setStatus('signed-out');
      });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [session, loadViewer]);

  const value = useMemo<Auth>(
    () => ({
      status,
      viewer,
      graphql,
      setViewer,
      fetch: (url, init = {}) => session.fetch(url, init),
      async signIn(body, remember) {
        await session.signIn(body, remember);
        await loadViewer();
      },
      async signOut() {
        await session.signOut();
        setViewer(null);
        setStatus('signed-out');
      },
    }),
    [status, viewer, graphql, session, loadViewer],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** @returns the authentication state; only inside `AuthProvider`. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (auth === null) throw new Error('useAuth is used outside AuthProvider');
  return auth;
}

/** @returns the signed-in viewer; only on pages behind `RequireSignIn`. */
export function useViewer(): Viewer {
  const { viewer } = useAuth();
  if (viewer === null) throw new Error('useViewer is used on a page open to anonymous visitors');
  return viewer;
}
