import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';

const FIELDS = ['name'] as const;
export const MAX_NAME_LENGTH = 50;

interface NameFormProps {
  initialName?: string;
  submitLabel: string;
  /** Rejects with the API's error; a `name` error lands next to the field. */
  onSubmit: (name: string) => Promise<void>;
  onCancel: () => void;
}

/** The name of a QuickBooks Online configuration: unique in the account, 1–50 characters. */
export function NameForm({ initialName = '', submitLabel, onSubmit, onCancel }: NameFormProps) {
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: initialName },
    validate: {
      name: (value: string) => {
        const name = value.trim();
        if (name === '') return 'Enter a name.';
        if ([...name].length > MAX_NAME_LENGTH) return `Use at most ${MAX_NAME_LENGTH} characters.`;
        return null;
      },
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  return (
    <form noValidate onSubmit={handleSubmit((values) => onSubmit(values.name.trim()))}>
      <Stack gap="md">
        <FormAlert message={formError} />
        <TextInput
          label="Company name"
          description="How Mobius lists this QuickBooks Online company, e.g. the entity or brand it books for."
          maxLength={MAX_NAME_LENGTH}
          autoComplete="off"
          aria-required
          data-autofocus
          key={form.key('name')}
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={form.submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
