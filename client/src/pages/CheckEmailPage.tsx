import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { toApiProblems } from '../app/errors';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { FormAlert } from '../components/forms/FormAlert';
import { DemoMailboxHint } from '../features/auth/components/DemoMailboxHint';
import { LinkResentNotice } from '../features/auth/components/LinkResentNotice';
import { SendAgainButton } from '../features/auth/components/SendAgainButton';
import { useSignup } from '../features/auth/hooks/useAuthMutations';
import { useResendCooldown } from '../features/auth/hooks/useResendCooldown';

interface CheckEmailState {
  email?: unknown;
  /** When the last link was asked for (Date.now()), so a reload keeps the countdown. */
  sentAt?: unknown;
}

/**
 * After sign-up. The address travels in history state (kept across reloads), never in the URL. The server sends
 * one sign-up email a minute to an account and answers the same either way, so "Send again" waits out that
 * minute with a visible countdown rather than asking for an email that would not be sent.
 */
export function CheckEmailPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as CheckEmailState | null;
  const address = typeof state?.email === 'string' && state.email !== '' ? state.email : null;
  const { signup, loading } = useSignup();
  const [sentAt, setSentAt] = useState(() => (typeof state?.sentAt === 'number' ? state.sentAt : null));
  const secondsLeft = useResendCooldown(sentAt);
  const [resent, setResent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const sendAgain = async () => {
    if (!address || secondsLeft > 0) return;
    setError(null);
    setResent(false);
    try {
      await signup({ email: address });
    } catch (e) {
      setError(toApiProblems(e)[0]?.message ?? null);
      return;
    }
    const now = Date.now();
    setSentAt(now);
    setResent(true);
    navigate(location.pathname, { replace: true, state: { email: address, sentAt: now } });
  };

  return (
    <AuthCard
      title="Check your email"
      footer={
        <AuthCardLink prompt="Wrong address?" to="/signup">
          Sign up again
        </AuthCardLink>
      }
    >
      <Stack gap="md">
        <Text>
          {address ? (
            <>
              A link is on its way to <strong>{address}</strong>.
            </>
          ) : (
            <>A link is on its way to the email address you entered.</>
          )}{' '}
          Open it to set your password and finish creating your account. The link expires in 24 hours.
        </Text>
        <DemoMailboxHint />
        <FormAlert message={error} />
        {resent && (
          <LinkResentNotice>
            Another link is on its way to {address}. Use the newest one: it replaces the earlier link.
          </LinkResentNotice>
        )}
        {address ? (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Didn’t get it? Check your spam folder, or ask for another link.
            </Text>
            <SendAgainButton secondsLeft={secondsLeft} loading={loading} onClick={() => void sendAgain()} />
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
