/** Pages for signed-in people: anyone else is sent to the sign-in page, and back after. */
import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { Loading } from '../components/loading.tsx';
import { useAuth } from './auth/auth-context.tsx';
import { paths } from './paths.ts';

export function RequireSignIn({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const [location] = useLocation();
  if (status === 'restoring') return <Loading />;
  if (status === 'signed-out') {
    const next = location === paths.home ? '' : `?suite=${encodeURIComponent(location)}`;
    return <Redirect to={`${paths.signIn}${next}`} replace />;
  }
  return <>{children}</>;
}
