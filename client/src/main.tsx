import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { App } from './app/App';
import { createApolloClient } from './app/apolloClient';
import { preloadPage } from './app/pages';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');

// Fetch this address's page while the dashboard asks who is signed in, not after (docs/performance.md).
preloadPage(window.location.pathname);

createRoot(container).render(
  <StrictMode>
    <App client={createApolloClient()} />
  </StrictMode>,
);
