import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { toApiProblems } from '../app/errors';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { FormAlert } from '../components/forms/FormAlert';
import { EmailForm } from '../features/auth/components/EmailForm';
import { DemoMailboxHint } from '../features/auth/components/DemoMailboxHint';
import { LinkResentNotice } from '../features/auth/components/LinkResentNotice';
import { SendAgainButton } from '../features/auth/components/SendAgainButton';
import { useRequestPasswordReset } from '../features/auth/hooks/useAuthMutations';
import { cooldownSecondsLeft, useResendCooldown } from '../features/auth/hooks/useResendCooldown';

/** The server matches addresses without regard to case or surrounding spaces. */
const addressKey = (email: string) => email.trim().toLowerCase();

/**
 * Asks for a reset link. The server sends one reset email a minute to an account and answers the same whether or
 * not it sent one (or the account exists), so the page counts that minute down before "Send again", and asking
 * again for the same address within it shows the link already on its way rather than claiming another.
 */
export function ForgotPasswordPage() {
  const { requestPasswordReset, loading } = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  /** When a link was last asked for, per address. */
  const [sentAt, setSentAt] = useState<Record<string, number>>({});
  const [resent, setResent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const secondsLeft = useResendCooldown(sentTo ? (sentAt[addressKey(sentTo)] ?? null) : null);

  const ask = async (email: string) => {
    await requestPasswordReset(email);
    setSentAt((previous) => ({ ...previous, [addressKey(email)]: Date.now() }));
  };

  const request = async (email: string) => {
    setResent(false);
    setError(null);
    // Within the minute the server would send nothing: the link asked for a moment ago is the one on its way.
    if (cooldownSecondsLeft(sentAt[addressKey(email)] ?? null, Date.now()) === 0) await ask(email);
    setSentTo(email);
  };

  const sendAgain = async () => {
    if (!sentTo || secondsLeft > 0) return;
    setResent(false);
    setError(null);
    try {
      await ask(sentTo);
    } catch (e) {
      setError(toApiProblems(e)[0]?.message ?? null);
      return;
    }
    setResent(true);
  };

  const backToLogin = <AuthCardLink to="/login">Back to log in</AuthCardLink>;

  if (sentTo) {
    return (
      <AuthCard title="Check your email" footer={backToLogin}>
        <Stack gap="md">
          <Text>
            If an account exists for <strong>{sentTo}</strong>, a link to reset its password is on its way. The link
            expires in 1 hour.
          </Text>
          <DemoMailboxHint />
          <FormAlert message={error} />
          {resent && (
            <LinkResentNotice>
              If an account exists for {sentTo}, another link is on its way. Use the newest one: it replaces the earlier
              link.
            </LinkResentNotice>
          )}
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Didn’t get it? Check your spam folder, or try the address you signed up with.
            </Text>
            <SendAgainButton secondsLeft={secondsLeft} loading={loading} onClick={() => void sendAgain()} />
            <Button
              variant="subtle"
              fullWidth
              onClick={() => {
                setSentTo(null);
                setResent(false);
                setError(null);
              }}
            >
              Use a different address
            </Button>
          </Stack>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter the email address of your Mobius account and we’ll send you a link to reset your password."
      footer={backToLogin}
    >
      <EmailForm submitLabel="Reset Password" autoFocus onSubmit={request} />
    </AuthCard>
  );
}
