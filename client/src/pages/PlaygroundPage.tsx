import { lazy, Suspense } from 'react';
import { Box, Code, Stack, Text } from '@mantine/core';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';

const GraphiQLPlayground = lazy(() => import('../features/playground/GraphiQLPlayground'));

export function PlaygroundPage() {
  return (
    <Stack gap={0} h="calc(100dvh - 60px - 2 * var(--app-shell-padding, 0px))">
      <PageHeader
        title="API playground"
        description={
          <Text component="div" inherit>
            Explore the Mobius GraphQL API. Requests use your session; to try an API token, put{' '}
            <Code>{'"Authorization": "Bearer <token>"'}</Code> in the Headers tab. Headers are not saved.
          </Text>
        }
      />
      <Box
        style={{
          flex: 1,
          minHeight: 480,
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
          background: 'white',
        }}
      >
        <ErrorBoundary title="The playground could not load">
          <Suspense fallback={<PageLoader label="Loading the playground…" />}>
            <GraphiQLPlayground />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Stack>
  );
}
