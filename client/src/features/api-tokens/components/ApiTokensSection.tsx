import { useState } from 'react';
import { Divider, Text } from '@mantine/core';
import { SettingsSection } from '../../../components/SettingsSection';
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
    <>
      <SettingsSection
        headingId="api-tokens-heading"
        title="API tokens"
        description="Partner tooling (monitoring, scripts, your own dashboards) uses an API token to read this account’s configurations and whether each connection still works. Tokens are read-only: they cannot change settings, connect or disconnect anything, or manage tokens. Revoke one as soon as it is no longer needed."
      >
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
      </SettingsSection>

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
    </>
  );
}
