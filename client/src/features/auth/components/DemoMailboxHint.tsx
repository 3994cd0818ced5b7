import { Alert, Anchor } from '@mantine/core';
import { getMailboxUrl } from '../../../app/runtimeConfig';
import { IconMail } from '@tabler/icons-react';

/** In demo mode no email leaves the machine; point people at the page that shows it. */
export function DemoMailboxHint() {
  const mailboxUrl = getMailboxUrl();
  if (!mailboxUrl) return null;
  return (
    <Alert variant="light" color="gray" icon={<IconMail size={18} stroke={1.8} aria-hidden />} title="Demo mode">
      Emails are not really sent. Open the{' '}
      <Anchor href={mailboxUrl} target="_blank" rel="noreferrer" inherit fw={600}>
        demo mailbox
      </Anchor>{' '}
      to read yours.
    </Alert>
  );
}
