import { useState } from 'react';
import { Button, Stack, TextInput } from '@mantine/core';
import { SettingsSection } from '../../../components/SettingsSection';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';
import type { CurrentAccountFragment } from '../../../generated/graphql';
import { useUpdateProfile } from '../hooks/useAccountSettings';
import { SavedNotice } from './SavedNotice';

/** The API's limit for both fields, in characters. */
export const PROFILE_TEXT_MAX_CHARS = 100;

export interface ProfileValues {
  name: string;
  companyName: string;
}

const FIELDS = ['name', 'companyName'] as const;

const maxChars = (label: string) => (value: string) =>
  [...value.trim()].length > PROFILE_TEXT_MAX_CHARS
    ? `${label} can be at most ${PROFILE_TEXT_MAX_CHARS} characters.`
    : null;

interface ProfileFormProps {
  account: Pick<CurrentAccountFragment, 'email' | 'name' | 'companyName'>;
  /** Saves; rejects with the API's error, which lands next to its field. */
  onSave: (values: { name: string | null; companyName: string | null }) => Promise<void>;
}

/** Your name and company name (both optional; blank clears one), with Save. */
export function ProfileForm({ account, onSave }: ProfileFormProps) {
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<ProfileValues>({
    // Controlled: the saved (trimmed) values replace what was typed without remounting the focused field.
    mode: 'controlled',
    initialValues: { name: account.name ?? '', companyName: account.companyName ?? '' },
    onValuesChange: () => setSaved(null),
    validate: { name: maxChars('Your name'), companyName: maxChars('Company name') },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  return (
    <form
      noValidate
      aria-label="Profile"
      onSubmit={handleSubmit(async (values) => {
        setSaved(null);
        const name = values.name.trim();
        const companyName = values.companyName.trim();
        await onSave({ name: name || null, companyName: companyName || null });
        form.setValues({ name, companyName });
        form.resetDirty({ name, companyName });
        setSaved('Your profile was saved.');
      })}
    >
      <Stack gap="md" maw={520}>
        <FormAlert message={formError} title="Profile not saved" />
        <TextInput label="Email Address" value={account.email} readOnly variant="filled" autoComplete="email" />
        <TextInput
          label="Your name"
          description="Used to greet you in emails from Mobius. Optional."
          autoComplete="name"
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Company name"
          description="Your managed-service business. Optional."
          autoComplete="organization"
          {...form.getInputProps('companyName')}
        />
        <SavedNotice message={saved} onClose={() => setSaved(null)} />
        <Button type="submit" loading={form.submitting} style={{ alignSelf: 'flex-start' }}>
          Save
        </Button>
      </Stack>
    </form>
  );
}

/** Account settings › Profile. */
export function ProfileSection({ account }: { account: ProfileFormProps['account'] }) {
  const { updateProfile } = useUpdateProfile();
  return (
    <SettingsSection
      headingId="profile-heading"
      title="Profile"
      description="The email address is how you log in and where Mobius writes to; it cannot be changed here."
    >
      <ProfileForm account={account} onSave={(input) => updateProfile(input)} />
    </SettingsSection>
  );
}
