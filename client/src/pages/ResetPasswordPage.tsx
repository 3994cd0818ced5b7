import { useState } from 'react';
import { Anchor, Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { hasCode } from '../app/errors';
import { AuthCard } from '../components/AuthCard';
import { ExpiredLinkNotice } from '../features/auth/components/ExpiredLinkNotice';
import { SetPasswordForm, type NewPasswordValues } from '../features/auth/components/SetPasswordForm';
import { useResetPassword } from '../features/auth/hooks/useAuthMutations';
import { useEmailLinkToken } from '../features/auth/hooks/useEmailLinkToken';

/** The page the reset email links to. As with sign-up links, only the submit uses the token. */
export function ResetPasswordPage() {
  const token = useEmailLinkToken();
  const navigate = useNavigate();
  const { resetPassword } = useResetPassword();
  const [linkInvalid, setLinkInvalid] = useState(token === null);

  const submit = async (values: NewPasswordValues) => {
    if (!token) return;
    try {
      await resetPassword({ token, ...values });
    } catch (error) {
      if (hasCode(error, 'INVALID_TOKEN')) {
        setLinkInvalid(true);
        return;
      }
      throw error;
    }
    notifications.show({ color: 'teal', title: 'Password changed', message: 'Your password has been changed.' });
    navigate('/', { replace: true });
  };

  if (linkInvalid) {
    return (
      <AuthCard
        title="Reset your password"
        footer={
          <Anchor component={Link} to="/login" fw={500}>
            Back to log in
          </Anchor>
        }
      >
        <ExpiredLinkNotice>
          Password reset links work once and expire after 1 hour. Request a new one to continue.
        </ExpiredLinkNotice>
        <Button component={Link} to="/forgot-password" size="md" fullWidth>
          Request a new link
        </Button>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Choose a new password. You will stay signed in here; every other session of your account ends."
      footer={
        <Anchor component={Link} to="/login" fw={500}>
          Back to log in
        </Anchor>
      }
    >
      <SetPasswordForm submitLabel="Reset password" onSubmit={submit} />
    </AuthCard>
  );
}
