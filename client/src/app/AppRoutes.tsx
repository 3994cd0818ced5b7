import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PageLoader } from '../components/PageLoader';
import { NotFoundRoute, RedirectIfSignedIn, RequireAuth } from './guards';
import { AppLayout, publicPages, signedInPages, standalonePages } from './pages';

/** Log in and sign up send someone already signed in on to the dashboard. */
const forSignedOutOnly = new Set<string>(['/signup', '/login']);

export function AppRoutes() {
  return (
    // Pages are lazily loaded (./pages.ts): a page outside the frame shows this loader until its code arrives.
    <Suspense fallback={<PageLoader fullScreen />}>
      <Routes>
        {Object.entries(publicPages).map(([path, Page]) => (
          <Route
            key={path}
            path={path}
            element={
              forSignedOutOnly.has(path) ? (
                <RedirectIfSignedIn>
                  <Page />
                </RedirectIfSignedIn>
              ) : (
                <Page />
              )
            }
          />
        ))}
        {Object.entries(standalonePages).map(([path, Page]) => (
          <Route key={path} path={path} element={<Page />} />
        ))}

        <Route element={<RequireAuth />}>
          <Route element={<AppLayout />}>
            {Object.entries(signedInPages).map(([path, Page]) =>
              path === '/' ? (
                <Route key={path} index element={<Page />} />
              ) : (
                <Route key={path} path={path} element={<Page />} />
              ),
            )}
          </Route>
        </Route>
        <Route path="*" element={<NotFoundRoute />} />
      </Routes>
    </Suspense>
  );
}
