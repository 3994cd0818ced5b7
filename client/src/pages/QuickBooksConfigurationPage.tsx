import { useState } from 'react';
import { notifyCheckFailed, notifyConnectionWorks } from '../features/configurations/checkNotifications';
import { Alert, Anchor, Button, Container, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router';
import { toApiProblems } from '../app/errors';
import { ConfirmModal } from '../components/ConfirmModal';
import { ErrorState } from '../components/ErrorState';
import { ConfigurationNotFound } from '../features/quickbooks/components/ConfigurationNotFound';
import { IconAlertCircle, IconPencil, IconTrash } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';
import { useRevalidateOnOpen } from '../features/configurations/hooks/useRevalidateOnOpen';
import { PageLoader } from '../components/PageLoader';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';
import { isConnectWiseReady } from '../features/configurations/types';
import { ImportMappingsCard } from '../features/imports/components/ImportMappingsCard';
import { isQuickBooksUsable } from '../features/imports/readiness';
import { OAuthReturnAlert } from '../features/quickbooks/components/OAuthReturnAlert';
import { QuickBooksConnectionCard } from '../features/quickbooks/components/QuickBooksConnectionCard';
import { QuickBooksStatusNotice } from '../features/quickbooks/components/QuickBooksStatusNotice';
import { RenameCompanyModal } from '../features/quickbooks/components/RenameCompanyModal';
import { useOAuthReturn } from '../features/quickbooks/hooks/useOAuthReturn';
import {
  useCheckQuickBooksConnection,
  useDeleteQuickBooksCompany,
  useDisconnectQuickBooks,
  useQuickBooksConfiguration,
} from '../features/quickbooks/hooks/useQuickBooks';

type Dialog = 'rename' | 'delete' | 'disconnect' | null;

/** `/quickbooks/:id`: one QuickBooks Online configuration (docs/product.md §5). */
export function QuickBooksConfigurationPage() {
  useRevalidateOnOpen();
  const { id = '' } = useParams();
  // A fresh page per configuration: flash messages and dialogs belong to the one they were opened on.
  return <ConfigurationPage key={id} id={id} />;
}

function ConfigurationPage({ id }: { id: string }) {
  const { configuration, loading, error, refetch } = useQuickBooksConfiguration(id);
  const overview = useConfigurationsOverview();
  const [outcome, dismissOutcome] = useOAuthReturn();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { check, checking } = useCheckQuickBooksConnection();
  const { disconnect } = useDisconnectQuickBooks();
  const { remove, requested: deleteRequested } = useDeleteQuickBooksCompany();
  const navigate = useNavigate();

  // Deleted here: the cache forgot it; nothing to show while the browser goes to the dashboard.
  if (deleteRequested && !configuration) return null;
  if (loading || overview.loading) return <PageLoader label="Loading configuration…" />;
  if (error) {
    return (
      <ErrorState
        title="This configuration could not load"
        message={toApiProblems(error)[0]?.message ?? ''}
        onRetry={refetch}
      />
    );
  }
  if (!configuration) return <ConfigurationNotFound />;

  const connectWiseReady = overview.data ? isConnectWiseReady(overview.data.connectWise) : false;
  const { name } = configuration;

  const checkNow = async () => {
    try {
      const checked = await check(configuration.id);
      const status = checked?.connectionStatus;
      if (status?.state === 'CONNECTED' && !status.message) {
        notifyConnectionWorks(`QuickBooks Online answered for ${checked?.companyName ?? name}.`);
      }
    } catch (checkError) {
      notifyCheckFailed(checkError);
    }
  };

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title={name}
        description="QuickBooks Online configuration: Mobius imports your ConnectWise PSA invoices into the company connected here."
        actions={
          configuration.isDefault ? undefined : (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconPencil size={16} stroke={1.8} aria-hidden />}
                onClick={() => setDialog('rename')}
              >
                Rename
              </Button>
              <Button
                variant="default"
                color="red"
                leftSection={<IconTrash size={16} stroke={1.8} aria-hidden />}
                onClick={() => setDialog('delete')}
              >
                Delete
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="lg">
        {outcome && (
          <OAuthReturnAlert
            outcome={outcome}
            companyName={configuration.companyName}
            configurations={overview.data?.quickBooks}
            onClose={dismissOutcome}
          />
        )}
        {!connectWiseReady && (
          <Alert
            color="blue"
            variant="light"
            icon={<IconAlertCircle size={18} stroke={1.8} aria-hidden />}
            title="ConnectWise PSA comes first"
          >
            QuickBooks Online can be connected once your ConnectWise PSA connection is validated.{' '}
            <Anchor component={Link} to="/connectwise" inherit fw={600}>
              Set Up ConnectWise PSA
            </Anchor>
          </Alert>
        )}
        {!(outcome?.kind === 'connected' && configuration.connectionStatus.state === 'CONNECTED') && (
          <QuickBooksStatusNotice configuration={configuration} />
        )}
        <QuickBooksConnectionCard
          configuration={configuration}
          connectWiseReady={connectWiseReady}
          checking={checking}
          onCheck={() => void checkNow()}
          onDisconnect={() => setDialog('disconnect')}
        />
        {isQuickBooksUsable(configuration.connectionStatus) && (
          <ImportMappingsCard configurationId={configuration.id} />
        )}
      </Stack>

      <RenameCompanyModal opened={dialog === 'rename'} configuration={configuration} onClose={() => setDialog(null)} />
      <ConfirmModal
        opened={dialog === 'disconnect'}
        onClose={() => setDialog(null)}
        title={`Disconnect ${name} from QuickBooks Online?`}
        confirmLabel="Disconnect"
        onConfirm={async () => {
          await disconnect(configuration.id);
          notifications.show({ color: 'gray', message: `${name} is disconnected from QuickBooks Online.` });
        }}
      >
        Mobius revokes its access at Intuit and forgets the authorization
        {configuration.companyName ? ` for ${configuration.companyName}` : ''}. Invoices already imported stay in
        QuickBooks Online. You can connect again at any time.
      </ConfirmModal>
      <ConfirmModal
        opened={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title={`Delete ${name}?`}
        confirmLabel={`Delete ${name}`}
        onConfirm={async () => {
          await remove(configuration.id);
          notifications.show({ color: 'gray', message: `${name} was deleted.` });
          navigate('/', { replace: true });
        }}
      >
        <Text size="sm" inherit>
          Mobius disconnects this configuration from QuickBooks Online and forgets it, with its settings and import
          history. Invoices already imported stay in QuickBooks Online.
        </Text>
      </ConfirmModal>
    </Container>
  );
}
