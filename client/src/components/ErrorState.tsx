import type { ReactNode } from 'react';
import { Button, Center, EmptyState } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  fullScreen?: boolean;
  /** h1 when the error replaces a whole page, h2 inside one. */
  headingOrder?: 1 | 2 | 3;
  /** Where the problem can be fixed, e.g. a link to a connection's page. */
  action?: ReactNode;
}

/** Error state for a page or section that could not load. */
export function ErrorState({
  title = 'This page could not load',
  message,
  onRetry,
  fullScreen,
  headingOrder = 2,
  action,
}: ErrorStateProps) {
  return (
    <Center mih={fullScreen ? '100vh' : 240} p="md" role="alert">
      <EmptyState variant="light" color="red" maw={420}>
        <EmptyState.Indicator>
          <IconAlertCircle size={26} stroke={1.8} aria-hidden />
        </EmptyState.Indicator>
        <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
        <EmptyState.Description>{message}</EmptyState.Description>
        {(onRetry || action) && (
          <EmptyState.Actions>
            {action}
            {onRetry && (
              <Button variant="default" onClick={onRetry}>
                Try again
              </Button>
            )}
          </EmptyState.Actions>
        )}
      </EmptyState>
    </Center>
  );
}
