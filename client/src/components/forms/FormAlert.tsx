import { Alert } from '@mantine/core';
import { AlertIcon } from '../icons';

/** The form-level error: what the API said that belongs to no single field. */
export function FormAlert({ message, title }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<AlertIcon />} role="alert">
      {message}
    </Alert>
  );
}
