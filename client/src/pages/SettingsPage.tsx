import { Card, Container, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorState } from '../components/ErrorState';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { toApiProblems } from '../app/errors';
import { ApiTokensSection } from '../features/api-tokens/components/ApiTokensSection';
import { useCurrentAccount } from '../features/auth/hooks/useCurrentAccount';

function Missing() {
  return (
    <Text span c="dimmed" fs="italic">
      Not provided
    </Text>
  );
}

export function SettingsPage() {
  const { account, loading, error, refetch } = useCurrentAccount();

  if (loading) return <PageLoader label="Loading your account…" />;
  if (!account) {
    return (
      <ErrorState
        message={error ? (toApiProblems(error)[0]?.message ?? '') : 'Please log in again.'}
        onRetry={() => void refetch().catch(() => undefined)}
      />
    );
  }

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title="Account settings"
        description="The details of the account you are signed in with, and API tokens for partner tooling."
      />
      <Stack gap="lg">
        <Card shadow="xs">
          <Stack gap="sm">
            <Title order={2} fz="lg">
              Your account
            </Title>
            <Table variant="vertical" layout="fixed" withTableBorder={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={{ base: 120, sm: 200 }}>Email Address</Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{account.email}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Your name</Table.Th>
                  <Table.Td>{account.name || <Missing />}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Company name</Table.Th>
                  <Table.Td>{account.companyName || <Missing />}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed">
              To change your password, log out and use Forgot Password on the log-in page.
            </Text>
          </Stack>
        </Card>
        <ApiTokensSection />
      </Stack>
    </Container>
  );
}
