import { useState, type ChangeEvent, type FocusEvent } from 'react';
import { Button, Code, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { toApiProblems } from '../../../app/errors';
import { FormAlert } from '../../../components/forms/FormAlert';
import { PasswordField } from '../../../components/forms/PasswordField';
import { focusFirstError } from '../../../components/forms/useServerErrors';
import { CONNECTWISE_FIELDS, placeConnectWiseProblems } from '../problems';
import { siteToUse } from '../site';
import { DemoCredentials } from './DemoCredentials';

export interface ConnectWiseFormValues {
  site: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  /** The account's password, asked only when replacing a saved connection. */
  currentPassword?: string;
}

export const REPLACE_KEYS_HINT = 'Enter the private key again to replace the saved keys';
export const VALIDATING = 'Validating with ConnectWise PSA…';
export const CURRENT_PASSWORD_HINT = 'Your Mobius password: needed to replace the saved connection.';

interface ConnectWiseFormProps {
  /** The saved connection's site, company and public key when editing; the private key is never prefilled. */
  initialValues?: Partial<Omit<ConnectWiseFormValues, 'privateKey'>>;
  /** Editing a saved connection: the private key and the account's current password must be typed. */
  replacing?: boolean;
  /** Demo mode: the simulator's credentials, offered in a callout with a fill button. */
  demoCredentials?: Omit<ConnectWiseFormValues, 'currentPassword'> | null;
  /** Validates and saves; rejects with the API's error, which the form places next to its field. */
  onSubmit: (values: ConnectWiseFormValues) => Promise<void>;
  onCancel?: () => void;
  /** ConnectWise PSA refused the member's rights: the page opens the setup guide. */
  onMissingPermissions?: () => void;
}

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

const required = (message: string) => (value: string) => (value.trim() === '' ? message : null);

/** Site, Company ID, Public Key, Private Key and Save (docs/product.md §4), validated live by the server. */
export function ConnectWiseForm({
  initialValues,
  replacing = false,
  demoCredentials,
  onSubmit,
  onCancel,
  onMissingPermissions,
}: ConnectWiseFormProps) {
  const form = useForm<ConnectWiseFormValues>({
    mode: 'uncontrolled',
    initialValues: {
      site: initialValues?.site ?? '',
      companyId: initialValues?.companyId ?? '',
      publicKey: initialValues?.publicKey ?? '',
      privateKey: '',
      currentPassword: '',
    },
    validate: {
      site: required('Enter your ConnectWise PSA site, e.g. na.myconnectwise.net.'),
      companyId: required('Enter the Company ID you use to log in to ConnectWise PSA.'),
      publicKey: required('Enter the Public Key of the API member.'),
      privateKey: required(
        replacing
          ? 'Enter the Private Key again to replace the saved keys.'
          : 'Enter the Private Key of the API member.',
      ),
      currentPassword: (value) =>
        replacing && !value ? 'Enter your current password to replace the saved connection.' : null,
    },
  });
  const [formError, setFormError] = useState<string | null>(null);
  // The host taken from a whole address that was pasted, shown under the field so nobody wonders what is saved.
  const [siteNote, setSiteNote] = useState<string | null>(null);

  /** Reduces a pasted address to what Mobius will use (on blur and on Save), and says so when it changed it. */
  const normaliseSite = (): string => {
    const typed = form.getValues().site;
    const site = siteToUse(typed);
    if (site !== typed) {
      form.setFieldValue('site', site);
      if (site !== typed.trim()) setSiteNote(site);
    }
    return site;
  };

  const submit = async (values: ConnectWiseFormValues) => {
    setFormError(null);
    try {
      await onSubmit({
        site: normaliseSite(),
        companyId: values.companyId.trim(),
        publicKey: values.publicKey.trim(),
        privateKey: values.privateKey.trim(),
        // Passwords are compared exactly as typed.
        ...(replacing ? { currentPassword: values.currentPassword } : {}),
      });
    } catch (error) {
      const placed = placeConnectWiseProblems(toApiProblems(error));
      const { currentPassword: passwordError, ...others } = placed.fieldErrors;
      // A connection saved meanwhile (another tab) makes the server ask for a field this form does not show.
      if (passwordError && !replacing) placed.formErrors.push(passwordError);
      form.setErrors(replacing ? placed.fieldErrors : others);
      setFormError(placed.formErrors.length > 0 ? placed.formErrors.join(' ') : null);
      if (placed.missingPermissions) onMissingPermissions?.();
      focusFirstError(form, CONNECTWISE_FIELDS, placed.fieldErrors);
    }
  };

  const fillDemo = () => {
    if (!demoCredentials) return;
    form.setValues(demoCredentials);
    form.clearErrors();
    setFormError(null);
  };

  const validating = form.submitting;
  const siteProps = form.getInputProps('site');
  // Mantine types the handlers it hands out as any; these are the ones a TextInput calls.
  const siteChanged = siteProps.onChange as (event: ChangeEvent<HTMLInputElement>) => void;
  const siteBlurred = siteProps.onBlur as (event: FocusEvent<HTMLInputElement>) => void;

  return (
    <form
      noValidate
      aria-label="ConnectWise PSA connection"
      aria-busy={validating}
      onSubmit={form.onSubmit(submit, (errors) => focusFirstError(form, CONNECTWISE_FIELDS, errors))}
    >
      <Stack gap="md">
        {demoCredentials && <DemoCredentials credentials={demoCredentials} onFill={fillDemo} />}
        <FormAlert message={formError} title="ConnectWise PSA connection not saved" />
        <TextInput
          label="Site"
          placeholder="na.myconnectwise.net"
          description="The address you log in with: na., eu. or au.myconnectwise.net, or your self-hosted server’s host name."
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          inputMode="url"
          aria-required
          key={form.key('site')}
          {...siteProps}
          onChange={(event) => {
            setSiteNote(null);
            siteChanged(event);
          }}
          onBlur={(event) => {
            normaliseSite();
            siteBlurred(event);
          }}
        />
        {siteNote && (
          <Text size="sm" c="dimmed" mt={-8} aria-live="polite">
            Mobius uses the host name from the address you pasted: <Code>{siteNote}</Code>
          </Text>
        )}
        <TextInput
          label="Company ID"
          placeholder="yourcompany"
          description="The company you type on the ConnectWise PSA log-in page."
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          aria-required
          key={form.key('companyId')}
          {...form.getInputProps('companyId')}
        />
        <TextInput
          label="Public Key"
          description="From the API Keys tab of the API member."
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          aria-required
          styles={MONOSPACE}
          key={form.key('publicKey')}
          {...form.getInputProps('publicKey')}
        />
        <PasswordField
          label="Private Key"
          description={
            replacing
              ? REPLACE_KEYS_HINT
              : 'Shown once by ConnectWise PSA. Mobius stores it encrypted and never shows it again.'
          }
          autoComplete="off"
          spellCheck={false}
          aria-required
          key={form.key('privateKey')}
          {...form.getInputProps('privateKey')}
        />
        {replacing && (
          <PasswordField
            label="Current password"
            description={CURRENT_PASSWORD_HINT}
            autoComplete="current-password"
            aria-required
            key={form.key('currentPassword')}
            {...form.getInputProps('currentPassword')}
          />
        )}
        <Group gap="md" mt="xs">
          <Button type="submit" size="md" loading={validating} miw={120}>
            Save
          </Button>
          {onCancel && (
            <Button variant="default" size="md" onClick={onCancel} disabled={validating}>
              Cancel
            </Button>
          )}
          <Group gap={8} role="status" aria-live="polite" wrap="nowrap">
            {validating && (
              <>
                <Loader size="xs" />
                <Text size="sm" c="dimmed">
                  {VALIDATING} This can take a few seconds.
                </Text>
              </>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
