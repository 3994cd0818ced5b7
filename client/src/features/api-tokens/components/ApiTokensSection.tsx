import { useState } from 'react';
import { Card, Divider, Stack, Text, Title } from '@mantine/core';
import { toApiProblems } from '../../../app/errors';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import { PageLoader } from '../../../components/PageLoader';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../hooks/useApiTokens';
import { ApiTokenTable } from './ApiTokenTable';
import { ApiTokenUsage } from './ApiTokenUsage';
import { CreateTokenForm } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';

/** Account settings › API tokens (docs/product.md §7): named, revocable, read-only, shown once. */
export function ApiTokensSection() {
  const { tokens, loading, error, refetch } = useApiTokens();
  const { create } = useCreateApiToken();
  const { revoke } = useRevokeApiToken();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Card shadow="xs" component="section" aria-labelledby="api-tokens-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg" id="api-tokens-heading">
            API tokens
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Partner tooling (monitoring, scripts, your own dashboards) uses an API token to read this account’s
            configurations and whether each connection still works. Tokens are read-only: they cannot change settings,
            connect or disconnect anything, or manage tokens. Revoke one as soon as it is no longer needed.
          </Text>
        </Stack>

        {created && <NewTokenNotice name={created.name} token={created.token} onDone={() => setCreated(null)} />}

        <CreateTokenForm
          onCreate={async (name) => {
            const result = await create(name);
            setCreated({ name: result.apiToken.name, token: result.token });
          }}
        />

        {loading && <PageLoader label="Loading API tokens…" />}
        {error && (
          <ErrorState
            title="API tokens could not load"
            message={toApiProblems(error)[0]?.message ?? ''}
            onRetry={refetch}
            headingOrder={3}
          />
        )}
        {!loading && !error && tokens.length === 0 && (
          <Text size="sm" c="dimmed" py="sm">
            No API tokens yet. Create one for each tool, named after it.
          </Text>
        )}
        {tokens.length > 0 && <ApiTokenTable tokens={tokens} onRevoke={setRevoking} />}

        <Divider />
        <ApiTokenUsage />
      </Stack>

      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        onConfirm={async () => {
          if (revoking) await revoke(revoking.id);
        }}
      >
        Tools that use this token lose access at once. This cannot be undone: create a new token if you need one again.
      </ConfirmModal>
    </Card>
  );
}
