import { useEffect, useRef, useState } from 'react';
import { notifyCheckFailed, notifyConnectionWorks } from '../features/configurations/checkNotifications';
import { Card, Container, Divider, Grid, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../app/errors';
import { getDemoConnectWiseSite, getDemoMode } from '../app/runtimeConfig';
import { ErrorState } from '../components/ErrorState';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { ConnectionLostAlert } from '../features/connectwise/components/ConnectionLostAlert';
import { ConnectQuickBooksNext } from '../features/connectwise/components/ConnectQuickBooksNext';
import { DisconnectConnectWiseModal } from '../features/connectwise/components/DisconnectConnectWiseModal';
import { ConnectWiseForm, type ConnectWiseFormValues } from '../features/connectwise/components/ConnectWiseForm';
import { ConnectWiseGuide, GUIDE_ITEM } from '../features/connectwise/components/ConnectWiseGuide';
import { ConnectWiseSummary } from '../features/connectwise/components/ConnectWiseSummary';
import {
  useCheckConnectWise,
  useConnectWiseConnection,
  useDisconnectConnectWise,
  useSaveConnectWise,
} from '../features/connectwise/hooks/useConnectWise';

/** The simulator's demo company (server/src/simulators/connectwise README). */
const DEMO_KEYS = { companyId: 'mobius_demo', publicKey: 'DemoPublicKey01', privateKey: 'DemoPrivateKey-0123456789' };

function demoCredentials(): ConnectWiseFormValues | null {
  return getDemoMode() ? { site: getDemoConnectWiseSite(), ...DEMO_KEYS } : null;
}

export function ConnectWisePage() {
  const { connection, loading, error, refetch } = useConnectWiseConnection();
  const { save } = useSaveConnectWise();
  const { check, checking } = useCheckConnectWise();
  const { disconnect } = useDisconnectConnectWise();
  const [editing, setEditing] = useState(false);
  // Saves in this visit: after each, the summary is scrolled into view with the next step (connect QuickBooks Online).
  const [saves, setSaves] = useState(0);
  const justSaved = saves > 0;
  const [disconnecting, setDisconnecting] = useState(false);
  const connectionCard = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (saves > 0) connectionCard.current?.scrollIntoView({ block: 'start' });
  }, [saves]);
  // Until the person opens or closes it, the guide is open only while nothing is configured.
  const [guide, setGuide] = useState<string | null | undefined>(undefined);
  const [demo] = useState(demoCredentials);

  if (loading) return <PageLoader label="Loading your ConnectWise PSA connection…" />;
  if (error) {
    return (
      <ErrorState
        title="The ConnectWise PSA connection could not load"
        message={toApiProblems(error)[0]?.message ?? ''}
        onRetry={refetch}
      />
    );
  }

  const lost = connection?.status.state === 'LOST';
  const showForm = !connection || editing || lost;

  const submit = async (values: ConnectWiseFormValues) => {
    const saved = await save(values);
    setEditing(false);
    setSaves((count) => count + 1);
    notifications.show({
      color: 'teal',
      title: 'Connected to ConnectWise PSA',
      message: `Mobius validated ${saved.companyName} and saved the connection.`,
    });
  };

  const checkNow = async () => {
    try {
      const checked = await check(true);
      if (!checked) return;
      // A lost connection shows in the banner at the top of the page.
      if (checked.status.state === 'LOST') return;
      if (checked.status.message) {
        notifications.show({ color: 'yellow', title: 'Check not completed', message: checked.status.message });
      } else {
        notifyConnectionWorks(`ConnectWise PSA accepted the saved keys for ${checked.companyName}.`);
      }
    } catch (checkError) {
      notifyCheckFailed(checkError);
    }
  };

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title="ConnectWise PSA Configuration"
        description="Mobius connects to one ConnectWise PSA company. It checks the details with ConnectWise PSA before saving them, and keeps your previous working connection until new details validate."
      />
      <Stack gap="lg">
        {lost && <ConnectionLostAlert message={connection.status.message} />}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card
              shadow="xs"
              component="section"
              aria-label="Connection"
              ref={connectionCard}
              // Scrolled to after a save: its top lands below the fixed header, not under it.
              style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-md))' }}
            >
              <Stack gap="lg">
                {connection && justSaved && !showForm && <ConnectQuickBooksNext companyName={connection.companyName} />}
                {connection && (
                  <ConnectWiseSummary
                    connection={connection}
                    checking={checking}
                    onCheck={() => void checkNow()}
                    onEdit={showForm ? undefined : () => setEditing(true)}
                    onDisconnect={() => setDisconnecting(true)}
                  />
                )}
                {connection && showForm && <Divider />}
                {showForm && (
                  <Stack gap="md">
                    <Stack gap={4}>
                      <Title order={2} fz="lg">
                        {connection ? 'Replace the saved connection' : 'Connect your ConnectWise PSA company'}
                      </Title>
                      <Text size="sm" c="dimmed">
                        {connection
                          ? 'Mobius validates the new details with ConnectWise PSA before saving them. Until then the saved connection stays in use.'
                          : 'Enter the details of the API member Mobius uses. Save checks them with ConnectWise PSA right away.'}
                      </Text>
                    </Stack>
                    <ConnectWiseForm
                      key={connection?.id ?? 'new'}
                      initialValues={connection ?? undefined}
                      replacing={connection !== null}
                      demoCredentials={demo}
                      onSubmit={submit}
                      onCancel={connection && !lost ? () => setEditing(false) : undefined}
                      onMissingPermissions={() => setGuide(GUIDE_ITEM)}
                    />
                  </Stack>
                )}
              </Stack>
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <ConnectWiseGuide
                value={guide === undefined ? (connection ? null : GUIDE_ITEM) : guide}
                onChange={setGuide}
              />
              <Card shadow="xs" component="section" aria-labelledby="cw-use-heading">
                <Stack gap="xs">
                  <Title order={2} fz="md" id="cw-use-heading">
                    What Mobius does with this connection
                  </Title>
                  <List size="sm" spacing={6}>
                    <List.Item>Reads your unposted invoices with their customers, products and taxes.</List.Item>
                    <List.Item>
                      Marks invoices as exported after each import, when “Mark invoices as exported in ConnectWise PSA”
                      is on in the Import mappings of a QuickBooks Online configuration.
                    </List.Item>
                    <List.Item>
                      Keeps the Private Key encrypted and never shows it again, only its last four characters.
                    </List.Item>
                  </List>
                </Stack>
              </Card>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      <DisconnectConnectWiseModal
        opened={disconnecting && connection !== null}
        companyName={connection?.companyName ?? ''}
        onClose={() => setDisconnecting(false)}
        onConfirm={async (currentPassword) => {
          await disconnect(currentPassword);
          setDisconnecting(false);
          setEditing(false);
          setSaves(0);
          notifications.show({
            color: 'gray',
            title: 'ConnectWise PSA disconnected',
            message: 'Mobius forgot the keys. Imports stop until you connect ConnectWise PSA again.',
          });
        }}
      />
    </Container>
  );
}
