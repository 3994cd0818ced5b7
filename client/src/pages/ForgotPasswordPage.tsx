import { useState } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { AuthCard } from '../components/AuthCard';
import { EmailForm } from '../features/auth/components/EmailForm';
import { DemoMailboxHint } from '../features/auth/components/DemoMailboxHint';
import { useRequestPasswordReset } from '../features/auth/hooks/useAuthMutations';

export function ForgotPasswordPage() {
  const { requestPasswordReset } = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);

  const backToLogin = (
    <Anchor component={Link} to="/login" fw={500}>
      Back to log in
    </Anchor>
  );

  if (sentTo) {
    return (
      <AuthCard title="Check your email" footer={backToLogin}>
        <Stack gap="md">
          <Text>
            If an account exists for <strong>{sentTo}</strong>, we sent it a link to reset the password. The link
            expires in 1 hour.
          </Text>
          <DemoMailboxHint />
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Didn’t get it? Check your spam folder, or try the address you signed up with.
            </Text>
            <Button variant="default" fullWidth onClick={() => setSentTo(null)}>
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
      <EmailForm
        submitLabel="Reset Password"
        autoFocus
        onSubmit={async (email) => {
          await requestPasswordReset(email);
          setSentTo(email);
        }}
      />
    </AuthCard>
  );
}
