import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../../../app/errors';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { ErrorState } from '../../../components/ErrorState';
import { PageLoader } from '../../../components/PageLoader';
import { formatDateTime } from '../../configurations/formatDate';
import { useLogout } from '../../auth/hooks/useAuthMutations';
import { useSessions, useSignOutSessions, type Session } from '../hooks/useSessions';

/** One session: what it is, where from, since when; a list item rather than a table row, so it fits a phone. */
function SessionRow({ session, onSignOut }: { session: Session; onSignOut: (session: Session) => void }) {
  return (
    <Paper withBorder p="sm" radius="md" component="li" aria-label={session.device}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600}>{session.device}</Text>
            {session.current && (
              <Badge color="teal" variant="light" tt="none">
                This device
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            From {session.ip}
          </Text>
          <Text size="sm" c="dimmed">
            Signed in {formatDateTime(session.createdAt)} · Last active{' '}
            {session.current ? 'now' : formatDateTime(session.lastSeenAt)}
          </Text>
        </Stack>
        {!session.current && (
          <Button
            size="xs"
            variant="light"
            color="red"
            onClick={() => onSignOut(session)}
            aria-label={`Sign out ${session.device} from ${session.ip}`}
          >
            Sign out
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** Account settings › Sessions: every browser and API client signed in to the account, each ended on its own. */
export function SessionsSection() {
  const { sessions, loading, error, refetch } = useSessions();
  const { signOut, signOutOthers, signOutEverywhere } = useSignOutSessions();
  const { resetStore } = useLogout();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState<Session | null>(null);
  const [signingOutOthers, setSigningOutOthers] = useState(false);
  const [signingOutEverywhere, setSigningOutEverywhere] = useState(false);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <Card shadow="xs" component="section" aria-labelledby="sessions-heading">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={4} maw={640}>
            <Title order={2} fz="lg" id="sessions-heading">
              Sessions
            </Title>
            <Text size="sm" c="dimmed">
              The browsers and API clients signed in to this account. Sign out any you don’t recognise: it is signed out
              on its next request. Log out ends this device’s session; a password reset ends them all.
            </Text>
          </Stack>
          <Group gap="sm" wrap="wrap">
            {others > 0 && (
              <Button variant="default" color="red" onClick={() => setSigningOutOthers(true)}>
                Sign out all other sessions
              </Button>
            )}
            <Button variant="light" color="red" onClick={() => setSigningOutEverywhere(true)}>
              Sign out everywhere
            </Button>
          </Group>
        </Group>

        {loading && <PageLoader label="Loading sessions…" />}
        {error && (
          <ErrorState
            title="Sessions could not load"
            message={toApiProblems(error)[0]?.message ?? ''}
            onRetry={refetch}
            headingOrder={3}
          />
        )}
        {!loading && !error && sessions.length === 0 && (
          <Text size="sm" c="dimmed" py="sm">
            No signed-in sessions.
          </Text>
        )}
        {sessions.length > 0 && (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Signed-in sessions">
            {sessions.map((session) => (
              <SessionRow key={session.id} session={session} onSignOut={setSigningOut} />
            ))}
          </Stack>
        )}
        {!loading && !error && sessions.length > 0 && others === 0 && (
          <Text size="sm" c="dimmed">
            This is the only session signed in to your account.
          </Text>
        )}
      </Stack>

      <ConfirmModal
        opened={signingOut !== null}
        onClose={() => setSigningOut(null)}
        title={`Sign out ${signingOut?.device ?? ''}?`}
        confirmLabel="Sign out"
        onConfirm={async () => {
          if (signingOut) await signOut(signingOut.id);
        }}
      >
        The session from {signingOut?.ip} is signed out on its next request and has to log in again.
      </ConfirmModal>
      <ConfirmModal
        opened={signingOutOthers}
        onClose={() => setSigningOutOthers(false)}
        title="Sign out all other sessions?"
        confirmLabel="Sign out all other sessions"
        onConfirm={signOutOthers}
      >
        Every other browser and API client signed in to your account is signed out on its next request. This device
        stays signed in.
      </ConfirmModal>
      <ConfirmModal
        opened={signingOutEverywhere}
        onClose={() => setSigningOutEverywhere(false)}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        onConfirm={async () => {
          await signOutEverywhere();
          navigate('/login', { replace: true });
          await resetStore();
          notifications.show({ color: 'gray', message: 'You have been signed out everywhere, this device included.' });
        }}
      >
        Every session of your account ends, this one included: each browser and API client has to log in again. API
        tokens keep working (revoke them under API tokens).
      </ConfirmModal>
    </Card>
  );
}
