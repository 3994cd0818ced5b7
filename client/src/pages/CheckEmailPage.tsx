import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { toApiProblems } from '../app/errors';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/forms/FormAlert';
import { CheckIcon } from '../components/icons';
import { DemoMailboxHint } from '../features/auth/components/DemoMailboxHint';
import { useSignup } from '../features/auth/hooks/useAuthMutations';

/** After sign-up. The address travels in history state (kept across reloads), never in the URL. */
export function CheckEmailPage() {
  const location = useLocation();
  const email = (location.state as { email?: unknown } | null)?.email;
  const address = typeof email === 'string' && email !== '' ? email : null;
  const { signup, loading } = useSignup();
  const [resent, setResent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sendAgain = async () => {
    if (!address) return;
    setError(null);
    setResent(false);
    try {
      await signup({ email: address });
      setResent(true);
    } catch (e) {
      setError(toApiProblems(e)[0]?.message ?? null);
    }
  };

  return (
    <AuthCard
      title="Check your email"
      footer={
        <>
          Wrong address?{' '}
          <Anchor component={Link} to="/signup" fw={500}>
            Sign up again
          </Anchor>
        </>
      }
    >
      <Stack gap="md">
        <Text>
          {address ? (
            <>
              We sent a link to <strong>{address}</strong>.
            </>
          ) : (
            <>We sent a link to the email address you entered.</>
          )}{' '}
          Open it to set your password and finish creating your account. The link expires in 24 hours.
        </Text>
        <DemoMailboxHint />
        <FormAlert message={error} />
        {resent && (
          <Alert color="teal" variant="light" icon={<CheckIcon />} role="status">
            We sent another link to {address}.
          </Alert>
        )}
        {address ? (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Didn’t get it? Check your spam folder, or ask for another link.
            </Text>
            <Button variant="default" fullWidth onClick={sendAgain} loading={loading}>
              Send again
            </Button>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Didn’t get it? Check your spam folder, or sign up again to get a new link.
          </Text>
        )}
      </Stack>
    </AuthCard>
  );
}
