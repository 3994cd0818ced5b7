import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, type Location } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { PageLoader } from '../components/PageLoader';
import { useCurrentAccount } from '../features/auth/hooks/useCurrentAccount';
import { toApiProblems } from './errors';
import { AppLayout, NotFoundPage } from './pages';

/** Where to go after logging in: back to the guarded page that sent the user here, else home. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: Partial<Location> } | null)?.from;
  const path = from?.pathname;
  // Internal paths only; never a protocol-relative "//host".
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) return '/';
  if (['/login', '/signup'].includes(path)) return '/';
  return `${path}${from?.search ?? ''}${from?.hash ?? ''}`;
}

/** Guards the dashboard: renders its routes for a signed-in account, else sends the visitor to log in. */
export function RequireAuth() {
  const { account, loading, error, refetch } = useCurrentAccount();
  const location = useLocation();

  if (loading) return <PageLoader label="Loading your account…" fullScreen />;
  if (error && !account) {
    return (
      <ErrorState
        fullScreen
        headingOrder={1}
        title="Mobius could not load your account"
        message={toApiProblems(error)[0]?.message ?? ''}
        onRetry={() => void refetch().catch(() => undefined)}
      />
    );
  }
  if (!account) return <Navigate to="/login" replace state={{ from: location }} />;
  return <Outlet />;
}

/** Log in and sign up make no sense for someone already signed in: send them on. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { account, loading } = useCurrentAccount();
  const location = useLocation();

  if (loading) return <PageLoader fullScreen />;
  if (account) return <Navigate to={returnPath(location.state)} replace />;
  // If `me` failed (offline, server down) the form still renders: its own submit reports the problem.
  return <>{children}</>;
}

/** An unknown address: inside the dashboard frame when signed in, on its own otherwise. */
export function NotFoundRoute() {
  const { account, loading } = useCurrentAccount();
  if (loading) return <PageLoader fullScreen />;
  if (account) {
    return (
      <AppLayout>
        <NotFoundPage />
      </AppLayout>
    );
  }
  return <NotFoundPage />;
}
