import { Anchor, Button, Group, Stack } from '@mantine/core';
import { EmailAddressField } from '../components/forms/EmailAddressField';
import { PasswordField } from '../components/forms/PasswordField';
import { useForm } from '@mantine/form';
import { Link, useLocation, useNavigate } from 'react-router';
import { returnPath } from '../app/guards';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { FormAlert } from '../components/forms/FormAlert';
import { useServerErrors } from '../components/forms/useServerErrors';
import { useLogin } from '../features/auth/hooks/useAuthMutations';
import { validateEmail } from '../features/auth/validation';

interface LoginValues {
  email: string;
  password: string;
}

const FIELDS = ['email', 'password'] as const;

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const { login } = useLogin();
  const form = useForm<LoginValues>({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: validateEmail,
      password: (value) => (value === '' ? 'Enter your password.' : null),
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  const submit = async (values: LoginValues) => {
    await login({ email: values.email.trim(), password: values.password });
    navigate(returnPath(location.state), { replace: true });
  };

  return (
    <AuthCard
      title="Log in"
      description="Welcome back. Log in to manage your ConnectWise PSA and QuickBooks Online connections."
      footer={
        <AuthCardLink prompt="New to Mobius?" to="/signup">
          Create an account
        </AuthCardLink>
      }
    >
      <form noValidate onSubmit={handleSubmit(submit)}>
        <Stack gap="md">
          <FormAlert message={formError} />
          <EmailAddressField autoFocus key={form.key('email')} {...form.getInputProps('email')} />
          <Stack gap={6}>
            <PasswordField
              label="Password"
              autoComplete="current-password"
              aria-required
              key={form.key('password')}
              {...form.getInputProps('password')}
            />
            <Group justify="flex-end">
              <Anchor component={Link} to="/forgot-password" size="sm">
                Forgot Password
              </Anchor>
            </Group>
          </Stack>
          <Button type="submit" size="md" fullWidth loading={form.submitting}>
            Log in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
