import { Suspense, type ReactNode } from 'react';
import { AppShell, Burger, Button, Group, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link, Outlet, useNavigate } from 'react-router';
import { toApiProblems } from '../errors';
import { IconLogout } from '@tabler/icons-react';
import { Logo } from '../../components/Logo';
import { PageLoader } from '../../components/PageLoader';
import { useLogout } from '../../features/auth/hooks/useAuthMutations';
import { useCurrentAccount } from '../../features/auth/hooks/useCurrentAccount';
import { useConfigurationsOverview } from '../../features/configurations/hooks/useConfigurationsOverview';
import { useRecheckOnLoad } from '../../features/configurations/hooks/useRecheckOnLoad';
import { AddCompanyModal } from '../../features/quickbooks/components/AddCompanyModal';
import { Sidebar } from './Sidebar';

const NOTHING_CONFIGURED = {
  connectWise: { state: 'NOT_CONNECTED' as const },
  quickBooks: [],
};

/** The signed-in frame: header with the product and the account, the sidebar, and the page. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [addingCompany, addCompany] = useDisclosure(false);
  const { account } = useCurrentAccount();
  const { data } = useConfigurationsOverview();
  useRecheckOnLoad(account?.id, data !== null && data.connectWise.state !== 'NOT_CONNECTED');
  const { logout, resetStore, loading: loggingOut } = useLogout();
  const navigate = useNavigate();

  const handleLogout = async () => {
    try {
      await logout();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Could not log out', message: toApiProblems(error)[0]?.message });
      return;
    }
    navigate('/login', { replace: true });
    await resetStore();
    notifications.show({ color: 'gray', message: 'You have logged out.' });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 300, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
      bg="gray.0"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" aria-label="Mobius dashboard" style={{ textDecoration: 'none' }}>
              <Logo />
            </Link>
          </Group>
          {account && (
            <Text size="sm" c="dimmed" truncate="end" maw={{ base: 160, sm: 360 }} title={account.email}>
              <Text span visibleFrom="sm" inherit>
                Signed in as{' '}
              </Text>
              <Text span fw={600} c="dark.7" inherit>
                {account.email}
              </Text>
            </Text>
          )}
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <Sidebar {...(data ?? NOTHING_CONFIGURED)} onNavigate={close} onAddCompany={addCompany.open} />
        </AppShell.Section>
        <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Button
            variant="subtle"
            color="gray"
            fullWidth
            justify="flex-start"
            leftSection={<IconLogout size={18} stroke={1.8} aria-hidden />}
            onClick={() => void handleLogout()}
            loading={loggingOut}
          >
            Log out
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {/* The page inside the frame is lazily loaded (../pages.ts); the frame stays while its code arrives. */}
        <Suspense fallback={<PageLoader />}>{children ?? <Outlet />}</Suspense>
      </AppShell.Main>
      <AddCompanyModal opened={addingCompany} onClose={addCompany.close} />
    </AppShell>
  );
}
