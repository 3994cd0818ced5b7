import { useState } from 'react';
import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { hasCode } from '../app/errors';
import { AuthCard } from '../components/AuthCard';
import { EmailForm } from '../features/auth/components/EmailForm';
import { ExpiredLinkNotice } from '../features/auth/components/ExpiredLinkNotice';
import { SetPasswordForm, type NewPasswordValues } from '../features/auth/components/SetPasswordForm';
import { useSignup, useVerifyEmail } from '../features/auth/hooks/useAuthMutations';
import { useEmailLinkToken } from '../features/auth/hooks/useEmailLinkToken';

/**
 * The page the verification email links to. Opening it changes nothing: the token is used only
 * when the person submits their new password (mail scanners open links too).
 */
export function VerifyEmailPage() {
  const token = useEmailLinkToken();
  const navigate = useNavigate();
  const { verifyEmail } = useVerifyEmail();
  const { signup } = useSignup();
  const [linkInvalid, setLinkInvalid] = useState(token === null);

  const submit = async (values: NewPasswordValues) => {
    if (!token) return;
    try {
      await verifyEmail({ token, ...values });
    } catch (error) {
      if (hasCode(error, 'INVALID_TOKEN')) {
        setLinkInvalid(true);
        return;
      }
      throw error;
    }
    notifications.show({
      color: 'teal',
      title: 'Welcome to Mobius',
      message: 'Your email is verified and your password is set.',
    });
    navigate('/', { replace: true });
  };

  const sendNewLink = async (email: string) => {
    await signup({ email });
    navigate('/check-email', { state: { email } });
  };

  if (linkInvalid) {
    return (
      <AuthCard
        title="Get a new link"
        footer={
          <>
            Already set your password?{' '}
            <Anchor component={Link} to="/login" fw={500}>
              Log in
            </Anchor>
          </>
        }
      >
        <ExpiredLinkNotice>
          Sign-up links work once and expire after 24 hours. Enter your email address and we’ll send you a new one.
        </ExpiredLinkNotice>
        <EmailForm submitLabel="Send a new link" autoFocus onSubmit={sendNewLink} />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Set your password"
      description="Choose the password for your Mobius account. You will use it with your email address to log in."
    >
      <SetPasswordForm submitLabel="Set password" onSubmit={submit} />
    </AuthCard>
  );
}
