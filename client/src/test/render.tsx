import type { ReactElement, ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render } from '@testing-library/react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { createCache } from '../app/apolloClient';
import { theme } from '../app/theme';

/** Shows where the router ended up, for assertions about redirects. */
export function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

interface Options {
  /** The browser URL to start at; the component under test is mounted at its path. */
  url: string;
  path?: string;
  /** Answers for the operations the page sends, each built with `mocked()` (test/mocks.ts) so it matches the schema. */
  mocks?: ReadonlyArray<MockLink.MockedResponse>;
  /** Extra routes, e.g. where a successful form navigates. */
  routes?: ReactNode;
  /** Renders the flash messages (notifications) too. */
  withNotifications?: boolean;
  /** History state the page starts with (what `navigate(to, { state })` leaves for it). */
  state?: unknown;
}

/** Renders a page as the app does: Mantine, Apollo (mocked) and a real BrowserRouter over jsdom's history. */
export function renderPage(page: ReactElement, { url, path, mocks = [], routes, withNotifications, state }: Options) {
  // React Router keeps navigation state under `usr` in history.state.
  window.history.replaceState(state === undefined ? null : { usr: state, key: 'test', idx: 0 }, '', url);
  const routePath = path ?? new URL(url, 'http://localhost').pathname;
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <MantineProvider theme={theme}>
        {withNotifications && <Notifications />}
        <BrowserRouter>
          <Routes>
            <Route path={routePath} element={page} />
            {routes}
          </Routes>
          <LocationProbe />
        </BrowserRouter>
      </MantineProvider>
    </MockedProvider>,
  );
}

export function graphQLError(message: string, extensions: Record<string, unknown>) {
  return { errors: [{ message, extensions }] };
}
