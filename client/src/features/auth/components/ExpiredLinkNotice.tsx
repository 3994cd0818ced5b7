import type { ReactNode } from 'react';
import { Alert, Stack } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import type { EmailLinkProblem } from '../../../generated/graphql';

const TITLES: Record<EmailLinkProblem, string> = {
  EXPIRED: 'This link has expired',
  USED: 'This link was already used',
  INVALID: 'This link is not valid',
};

const GENERAL = 'This link has expired or was already used';

/**
 * What an emailed link shows once it was used, expired, or arrived mangled. The title says which when the server
 * said so as the page opened (`reason`); a link refused on submit gets the general title.
 */
export function ExpiredLinkNotice({ reason, children }: { reason?: EmailLinkProblem | null; children: ReactNode }) {
  return (
    <Stack gap="md">
      <Alert
        color="orange"
        variant="light"
        icon={<IconClock size={18} stroke={1.8} aria-hidden />}
        title={reason ? TITLES[reason] : GENERAL}
      >
        {children}
      </Alert>
    </Stack>
  );
}
