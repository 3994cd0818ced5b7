import { Card, Container, Group, List, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../components/PageHeader';
import { StatusBadge } from '../features/configurations/components/StatusBadge';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';

export function ConnectWisePage() {
  const { data } = useConfigurationsOverview();

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title="ConnectWise PSA Configuration"
        description="Mobius connects to one ConnectWise PSA company. It checks the details with ConnectWise before saving them, and keeps your previous working connection until new details are validated."
      />
      <Card shadow="xs">
        <Stack gap="md">
          <Group justify="space-between">
            <Title order={2} fz="lg">
              Connection
            </Title>
            {data && <StatusBadge {...data.connectWise} />}
          </Group>
          <Text size="sm">
            You will need a ConnectWise PSA API member with access to the Accounting System, and these details:
          </Text>
          <List size="sm" spacing={6}>
            <List.Item>
              <strong>Site</strong>: your ConnectWise PSA host, e.g. na.myconnectwise.net, eu.myconnectwise.net,
              au.myconnectwise.net, or your own server&apos;s host name
            </List.Item>
            <List.Item>
              <strong>Company ID</strong>: the company you enter when you log in to ConnectWise PSA
            </List.Item>
            <List.Item>
              <strong>Public Key</strong> and <strong>Private Key</strong>: the API keys of that member
            </List.Item>
          </List>
          <Text size="sm" c="dimmed">
            Mobius never shows your Private Key again after you save it, only its last four characters.
          </Text>
        </Stack>
      </Card>
    </Container>
  );
}
