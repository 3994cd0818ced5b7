import { Container, Stack } from '@mantine/core';
import { ErrorState } from '../components/ErrorState';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { toApiProblems } from '../app/errors';
import { ChangePasswordSection } from '../features/account/components/ChangePasswordForm';
import { ProfileSection } from '../features/account/components/ProfileForm';
import { SessionsSection } from '../features/account/components/SessionsSection';
import { ApiTokensSection } from '../features/api-tokens/components/ApiTokensSection';
import { useCurrentAccount } from '../features/auth/hooks/useCurrentAccount';

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
        description="Your profile and password, where your account is signed in, and API tokens for partner tooling."
      />
      <Stack gap="lg">
        <ProfileSection account={account} />
        <ChangePasswordSection email={account.email} />
        <SessionsSection />
        <ApiTokensSection />
      </Stack>
    </Container>
  );
}
