import { Button, Center, EmptyState } from '@mantine/core';
import { AlertIcon } from './icons';

interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  fullScreen?: boolean;
  /** h1 when the error replaces a whole page, h2 inside one. */
  headingOrder?: 1 | 2 | 3;
}

/** Error state for a page or section that could not load. */
export function ErrorState({
  title = 'This page could not load',
  message,
  onRetry,
  fullScreen,
  headingOrder = 2,
}: ErrorStateProps) {
  return (
    <Center mih={fullScreen ? '100vh' : 240} p="md" role="alert">
      <EmptyState variant="light" color="red" maw={420}>
        <EmptyState.Indicator>
          <AlertIcon size={26} />
        </EmptyState.Indicator>
        <EmptyState.Title order={headingOrder}>{title}</EmptyState.Title>
        <EmptyState.Description>{message}</EmptyState.Description>
        {onRetry && (
          <EmptyState.Actions>
            <Button variant="default" onClick={onRetry}>
              Try again
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    </Center>
  );
}
