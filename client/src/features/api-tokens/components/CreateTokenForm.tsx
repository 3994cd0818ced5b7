import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';
import { IconPlus } from '@tabler/icons-react';

const FIELDS = ['name'] as const;

/** Names a new token after what will use it, so it can be revoked knowingly later. */
export function CreateTokenForm({ onCreate }: { onCreate: (name: string) => Promise<void> }) {
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '' },
    validate: {
      name: (value: string) => {
        const name = value.trim();
        if (name === '') return 'Name the token after what will use it, e.g. Uptime monitor.';
        return [...name].length > 50 ? 'Use at most 50 characters.' : null;
      },
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  return (
    <form
      noValidate
      aria-label="Create an API token"
      onSubmit={handleSubmit(async (values) => {
        await onCreate(values.name.trim());
        form.reset();
      })}
    >
      <Stack gap="xs">
        <FormAlert message={formError} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Token name"
            placeholder="e.g. Uptime monitor"
            maxLength={50}
            autoComplete="off"
            aria-required
            style={{ flex: '1 1 260px' }}
            size="sm"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} stroke={1.8} aria-hidden />}
            loading={form.submitting}
            mt={25}
          >
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
