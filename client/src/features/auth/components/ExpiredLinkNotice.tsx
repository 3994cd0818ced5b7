import type { ReactNode } from 'react';
import { Alert, Stack } from '@mantine/core';
import { ClockIcon } from '../../../components/icons';

/** What an emailed link shows once it was used, expired, or arrived mangled. */
export function ExpiredLinkNotice({ children }: { children: ReactNode }) {
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<ClockIcon />} title="This link has expired or was already used">
        {children}
      </Alert>
    </Stack>
  );
}
