import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';

/** Says, once "Send again" went through, that another link is on its way; `children` is the sentence. */
export function LinkResentNotice({ children }: { children: ReactNode }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} stroke={1.8} aria-hidden />} role="status">
      {children}
    </Alert>
  );
}
