import { useState } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { toApiProblems } from '../../../app/errors';
import { DisabledButton } from '../../../components/DisabledButton';
import { IconNotes } from '@tabler/icons-react';
import { CONNECTWISE_FIRST } from '../../configurations/types';
import { useBeginQuickBooksAuth } from '../hooks/useQuickBooks';

export const CONNECT_LABEL = 'Connect to QuickBooks';

/** Where the browser goes; a seam so tests can watch it (jsdom cannot navigate). */
export const redirect = { assign: (url: string) => window.location.assign(url) };

interface Props extends ButtonProps {
  configurationId: string;
  connectWiseReady: boolean;
}

/** Starts the Intuit OAuth flow: Intuit's sign-in and company picker, then back to this page. */
export function ConnectQuickBooksButton({ configurationId, connectWiseReady, ...props }: Props) {
  const { begin } = useBeginQuickBooksAuth();
  // Stays on while the browser leaves for Intuit.
  const [leaving, setLeaving] = useState(false);

  if (!connectWiseReady) {
    return (
      <DisabledButton reason={CONNECTWISE_FIRST} {...props}>
        {CONNECT_LABEL}
      </DisabledButton>
    );
  }

  const start = async () => {
    setLeaving(true);
    try {
      redirect.assign(await begin(configurationId));
    } catch (error) {
      setLeaving(false);
      notifications.show({
        color: 'red',
        title: 'Could not open Intuit’s sign-in',
        message: toApiProblems(error)[0]?.message,
      });
    }
  };

  return (
    <Button
      color="green.8"
      leftSection={<IconNotes size={18} stroke={1.8} aria-hidden />}
      loading={leaving}
      onClick={() => void start()}
      {...props}
    >
      {CONNECT_LABEL}
    </Button>
  );
}
