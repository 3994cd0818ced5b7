import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { hasCode } from '../app/errors';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { ExpiredLinkNotice } from '../features/auth/components/ExpiredLinkNotice';
import { SetPasswordForm, type NewPasswordValues } from '../features/auth/components/SetPasswordForm';
import { useResetPassword } from '../features/auth/hooks/useAuthMutations';
import { useEmailLink } from '../features/auth/hooks/useEmailLink';
import { useEmailLinkToken } from '../features/auth/hooks/useEmailLinkToken';
import { PageLoader } from '../components/PageLoader';

/**
 * The page the reset email links to. As with sign-up links, opening it only reads the link (to name the account,
 * or to say at once that it is dead); only the submit uses the token.
 */
export function ResetPasswordPage() {
  const token = useEmailLinkToken();
  const navigate = useNavigate();
  const { resetPassword } = useResetPassword();
  const link = useEmailLink(token, 'RESET');
  const [refused, setRefused] = useState(false);

  const submit = async (values: NewPasswordValues) => {
    if (!token) return;
    try {
      await resetPassword({ token, ...values });
    } catch (error) {
      if (hasCode(error, 'INVALID_TOKEN')) {
        setRefused(true);
        return;
      }
      throw error;
    }
    notifications.show({ color: 'teal', title: 'Password changed', message: 'Your password has been changed.' });
    navigate('/', { replace: true });
  };

  const backToLogin = <AuthCardLink to="/login">Back to log in</AuthCardLink>;

  if (link.status === 'dead' || refused) {
    return (
      <AuthCard title="Reset your password" footer={backToLogin}>
        <ExpiredLinkNotice reason={refused ? null : link.status === 'dead' ? link.reason : null}>
          Password reset links work once and expire after 1 hour, and a newer link replaces an older one. Request a new
          one to continue.
        </ExpiredLinkNotice>
        <Button component={Link} to="/forgot-password" size="md" fullWidth>
          Request a new link
        </Button>
      </AuthCard>
    );
  }

  if (link.status === 'checking') {
    return (
      <AuthCard title="Reset your password" footer={backToLogin}>
        <PageLoader label="Checking your link…" />
      </AuthCard>
    );
  }

  const email = link.status === 'valid' ? link.email : null;
  return (
    <AuthCard
      title="Reset your password"
      description={
        <>
          {email && (
            <Text inherit mb={4}>
              For <strong>{email}</strong>
            </Text>
          )}
          Choose a new password. You will stay signed in here; every other session of your account ends.
        </>
      }
      footer={backToLogin}
    >
      <SetPasswordForm submitLabel="Reset password" username={email} onSubmit={submit} />
    </AuthCard>
  );
}
