import { useEffect, useRef } from 'react';
import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';

interface SavedNoticeProps {
  message: string | null;
  onClose: () => void;
  /** Moves the focus to the notice when it appears (the form it follows was emptied, so focus had nowhere to stay). */
  takeFocus?: boolean;
}

/** What a settings form says after it saved; announced politely to screen readers. */
export function SavedNotice({ message, onClose, takeFocus }: SavedNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && takeFocus) ref.current?.focus();
  }, [message, takeFocus]);
  return (
    <div role="status" aria-live="polite">
      {message && (
        <Alert
          ref={ref}
          tabIndex={-1}
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} stroke={1.8} aria-hidden />}
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
