import { Button, Stack, TextInput } from '@mantine/core';
import { EmailAddressField } from '../components/forms/EmailAddressField';
import { useForm } from '@mantine/form';
import { useNavigate } from 'react-router';
import { AuthCard, AuthCardLink } from '../components/AuthCard';
import { FormAlert } from '../components/forms/FormAlert';
import { useServerErrors } from '../components/forms/useServerErrors';
import { useSignup } from '../features/auth/hooks/useAuthMutations';
import { validateEmail } from '../features/auth/validation';

interface SignupValues {
  email: string;
  name: string;
  companyName: string;
}

const FIELDS = ['email', 'name', 'companyName'] as const;

export function SignupPage() {
  const navigate = useNavigate();
  const { signup } = useSignup();
  const form = useForm<SignupValues>({
    mode: 'uncontrolled',
    initialValues: { email: '', name: '', companyName: '' },
    validate: {
      email: validateEmail,
      name: (value) => (value.trim().length > 100 ? 'Use at most 100 characters.' : null),
      companyName: (value) => (value.trim().length > 100 ? 'Use at most 100 characters.' : null),
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  const submit = async (values: SignupValues) => {
    const email = values.email.trim();
    await signup({ email, name: values.name.trim() || null, companyName: values.companyName.trim() || null });
    navigate('/check-email', { state: { email, sentAt: Date.now() } });
  };

  return (
    <AuthCard
      title="Create your Mobius account"
      description="Connect ConnectWise PSA to QuickBooks Online and import your invoices. We’ll email you a link to set your password."
      footer={
        <AuthCardLink prompt="Already have an account?" to="/login">
          Log in
        </AuthCardLink>
      }
    >
      <form noValidate onSubmit={handleSubmit(submit)}>
        <Stack gap="md">
          <FormAlert message={formError} />
          <EmailAddressField autoFocus key={form.key('email')} {...form.getInputProps('email')} />
          <TextInput
            label="Your name"
            description="Optional"
            autoComplete="name"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Company name"
            description="Optional"
            autoComplete="organization"
            key={form.key('companyName')}
            {...form.getInputProps('companyName')}
          />
          <Button type="submit" size="md" fullWidth loading={form.submitting}>
            Sign up
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
