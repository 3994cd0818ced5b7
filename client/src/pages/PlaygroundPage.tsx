import { lazy, Suspense } from 'react';
import { Alert, Box, Button, Code, Group, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { IconInfoCircle } from '@tabler/icons-react';
import { Logo } from '../components/Logo';
import { PageLoader } from '../components/PageLoader';
import { useCurrentAccount } from '../features/auth/hooks/useCurrentAccount';
import { TOKEN_PLACEHOLDER } from '../features/playground/fetcher';

const GraphiQLPlayground = lazy(() => import('../features/playground/GraphiQLPlayground'));

/**
 * The GraphQL playground, on its own page (outside the dashboard's frame and its sign-in guard): a partner
 * uses it with nothing but an API token pasted into the headers; a signed-in person's session works too.
 */
export function PlaygroundPage() {
  const { account, loading } = useCurrentAccount();
  const location = useLocation();

  return (
    <Box h="100dvh" style={{ display: 'flex', flexDirection: 'column' }} bg="white">
      <Box
        component="header"
        px="md"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', flex: 'none' }}
      >
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="sm" wrap="nowrap">
            <Link to="/" aria-label="Mobius dashboard" style={{ textDecoration: 'none' }}>
              <Logo />
            </Link>
            <Title order={1} fz="lg" fw={600}>
              API playground
            </Title>
          </Group>
          {account ? (
            <Button component={Link} to="/" variant="default" size="xs">
              Back to the dashboard
            </Button>
          ) : (
            !loading && (
              <Button component={Link} to="/login" state={{ from: location }} variant="default" size="xs">
                Log in to the dashboard
              </Button>
            )
          )}
        </Group>
        <Text size="sm" c="dimmed" mt={6} style={{ overflowWrap: 'anywhere' }}>
          Paste an API token (<i>Account settings › API tokens</i>) in place of <Code>{TOKEN_PLACEHOLDER}</Code> in the
          Headers pane, then run the query (▶ or Ctrl+Enter). While the placeholder is there, your dashboard session is
          used if you are signed in. Headers are not saved.
        </Text>
      </Box>

      <Alert
        hiddenFrom="sm"
        color="yellow"
        radius={0}
        icon={<IconInfoCircle size={18} stroke={1.8} aria-hidden />}
        title="Meant for a larger screen"
        style={{ flex: 'none' }}
      >
        The playground is made for a laptop or desktop screen. It works here, but its editors are cramped.
      </Alert>

      {/* On a phone the response sits under the editors: the page grows taller and scrolls instead. */}
      <Box component="main" mih={{ base: 760, sm: 420 }} style={{ flex: 1, overflow: 'hidden' }}>
        <ErrorBoundary title="The playground could not load">
          <Suspense fallback={<PageLoader label="Loading the playground…" />}>
            <GraphiQLPlayground />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Box>
  );
}
