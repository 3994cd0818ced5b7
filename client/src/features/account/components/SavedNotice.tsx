import { Alert } from '@mantine/core';
import { CheckIcon } from '../../../components/icons';

/** What a settings form says after it saved; announced politely to screen readers. */
export function SavedNotice({ message, onClose }: { message: string | null; onClose: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert
          color="teal"
          variant="light"
          icon={<CheckIcon />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={onClose}
        >
          {message}
        </Alert>
      )}
    </div>
  );
}
