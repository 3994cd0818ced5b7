import { useState } from 'react';
import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { hasCode } from '../app/errors';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { EmailForm } from '../features/auth/components/EmailForm';
import { ExpiredLinkNotice } from '../features/auth/components/ExpiredLinkNotice';
import { SetPasswordForm, type NewPasswordValues } from '../features/auth/components/SetPasswordForm';
import { useSignup, useVerifyEmail } from '../features/auth/hooks/useAuthMutations';
import { useEmailLink } from '../features/auth/hooks/useEmailLink';
import { useEmailLinkToken } from '../features/auth/hooks/useEmailLinkToken';
import { PageLoader } from '../components/PageLoader';

/**
 * The page the verification email links to. Opening it changes nothing: it reads the link (`emailLink`) to name
 * the account, or to offer a new link at once when this one is dead; the token is used only when the person
 * submits their new password (mail scanners open links too).
 */
export function VerifyEmailPage() {
  const token = useEmailLinkToken();
  const navigate = useNavigate();
  const { verifyEmail } = useVerifyEmail();
  const { signup } = useSignup();
  const link = useEmailLink(token, 'VERIFY');
  const [refused, setRefused] = useState(false);

  const submit = async (values: NewPasswordValues) => {
    if (!token) return;
    try {
      await verifyEmail({ token, ...values });
    } catch (error) {
      if (hasCode(error, 'INVALID_TOKEN')) {
        setRefused(true);
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
    navigate('/check-email', { state: { email, sentAt: Date.now() } });
  };

  if (link.status === 'dead' || refused) {
    return (
      <AuthCard
        title="Get a new link"
        footer={
          <AuthCardLink prompt="Already set your password?" to="/login">
            Log in
          </AuthCardLink>
        }
      >
        <ExpiredLinkNotice reason={refused ? null : link.status === 'dead' ? link.reason : null}>
          Sign-up links work once and expire after 24 hours, and a newer link replaces an older one. Enter your email
          address and we’ll send you a new one.
        </ExpiredLinkNotice>
        <EmailForm submitLabel="Send a new link" autoFocus onSubmit={sendNewLink} />
      </AuthCard>
    );
  }

  if (link.status === 'checking') {
    return (
      <AuthCard title="Set your password">
        <PageLoader label="Checking your link…" />
      </AuthCard>
    );
  }

  const email = link.status === 'valid' ? link.email : null;
  return (
    <AuthCard
      title="Set your password"
      description={
        <>
          {email && (
            <Text inherit mb={4}>
              For <strong>{email}</strong>
            </Text>
          )}
          Choose the password for your Mobius account. You will use it with your email address to log in.
        </>
      }
    >
      <SetPasswordForm submitLabel="Set password" username={email} onSubmit={submit} />
    </AuthCard>
  );
}
