import { useId, type ReactNode } from 'react';
import { Button, Tooltip, VisuallyHidden, type ButtonProps } from '@mantine/core';

interface DisabledButtonProps extends ButtonProps {
  /** Why the action is not available yet; shown on hover and keyboard focus, read by screen readers. */
  reason: string;
  children: ReactNode;
}

/**
 * A button that is unavailable but still focusable, so keyboard users can reach the tooltip that
 * says why (a real `disabled` button gets no focus and no hover events).
 */
export function DisabledButton({ reason, children, ...props }: DisabledButtonProps) {
  const reasonId = useId();
  return (
    <>
      <Tooltip label={reason}>
        <Button
          {...props}
          data-disabled
          aria-disabled="true"
          aria-describedby={reasonId}
          onClick={(event) => event.preventDefault()}
        >
          {children}
        </Button>
      </Tooltip>
      <VisuallyHidden id={reasonId}>{reason}</VisuallyHidden>
    </>
  );
}
