import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { matchPath } from 'react-router';

/**
 * Every page, and the signed-in frame, is its own lazily loaded chunk: the first page load fetches only
 * the shell (providers, router, guards) and the page asked for (docs/performance.md). A page that is still
 * loading shows PageLoader (the Suspense fallbacks in AppRoutes and AppLayout).
 */
export type LazyPage<P extends object = object> = LazyExoticComponent<ComponentType<P>> & {
  /** Starts fetching the page's code now, so it is ready when the page renders; safe to call again. */
  preload: () => Promise<ComponentType<P>>;
};

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined; // a failed download (offline, a new deploy) may be retried
      throw error;
    }));
  return Object.assign(
    lazy(() => preload().then((Page) => ({ default: Page }))),
    { preload },
  );
}

export const AppLayout = lazyPage(() => import('./layout/AppLayout').then((m) => m.AppLayout));

export const SignupPage = lazyPage(() => import('../pages/SignupPage').then((m) => m.SignupPage));
export const CheckEmailPage = lazyPage(() => import('../pages/CheckEmailPage').then((m) => m.CheckEmailPage));
export const VerifyEmailPage = lazyPage(() => import('../pages/VerifyEmailPage').then((m) => m.VerifyEmailPage));
export const LoginPage = lazyPage(() => import('../pages/LoginPage').then((m) => m.LoginPage));
export const ForgotPasswordPage = lazyPage(() =>
  import('../pages/ForgotPasswordPage').then((m) => m.ForgotPasswordPage),
);
export const ResetPasswordPage = lazyPage(() => import('../pages/ResetPasswordPage').then((m) => m.ResetPasswordPage));
export const NotFoundPage = lazyPage(() => import('../pages/NotFoundPage').then((m) => m.NotFoundPage));

export const DashboardPage = lazyPage(() => import('../pages/DashboardPage').then((m) => m.DashboardPage));
export const ConnectWisePage = lazyPage(() => import('../pages/ConnectWisePage').then((m) => m.ConnectWisePage));
export const QuickBooksConfigurationPage = lazyPage(() =>
  import('../pages/QuickBooksConfigurationPage').then((m) => m.QuickBooksConfigurationPage),
);
export const ImportPage = lazyPage(() => import('../pages/ImportPage').then((m) => m.ImportPage));
export const ImportRunPage = lazyPage(() => import('../pages/ImportRunPage').then((m) => m.ImportRunPage));
export const SettingsPage = lazyPage(() => import('../pages/SettingsPage').then((m) => m.SettingsPage));
export const PlaygroundPage = lazyPage(() => import('../pages/PlaygroundPage').then((m) => m.PlaygroundPage));

/** The pages anyone may open, by route path. */
export const publicPages = {
  '/signup': SignupPage,
  '/check-email': CheckEmailPage,
  '/verify-email': VerifyEmailPage,
  '/login': LoginPage,
  '/forgot-password': ForgotPasswordPage,
  '/reset-password': ResetPasswordPage,
} as const;

/** The pages inside the signed-in frame (AppLayout), by route path. */
export const signedInPages = {
  '/': DashboardPage,
  '/connectwise': ConnectWisePage,
  '/quickbooks/:id': QuickBooksConfigurationPage,
  '/quickbooks/:id/import': ImportPage,
  '/quickbooks/:id/import/runs/:runId': ImportRunPage,
  '/settings': SettingsPage,
} as const;

/**
 * Pages with a frame of their own, open to anyone: the playground is full width, and works with nothing but
 * an API token pasted into its headers (a signed-in person's session works too).
 */
export const standalonePages = {
  '/playground': PlaygroundPage,
} as const;

/**
 * Starts fetching the code of the page at `pathname` (and of the signed-in frame around it) while the
 * dashboard asks the API who is signed in, so the two downloads do not queue one after the other.
 */
export function preloadPage(pathname: string): void {
  const quietly = (page: { preload: () => Promise<unknown> }) => void page.preload().catch(() => undefined);
  for (const [path, page] of Object.entries({ ...publicPages, ...standalonePages })) {
    if (matchPath(path, pathname)) return quietly(page);
  }
  for (const [path, page] of Object.entries(signedInPages)) {
    if (matchPath(path, pathname)) {
      quietly(AppLayout);
      return quietly(page);
    }
  }
}
