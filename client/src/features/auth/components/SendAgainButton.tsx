import { useId } from 'react';
import { Button } from '@mantine/core';
import { ResendCountdown } from './ResendCountdown';

interface SendAgainButtonProps {
  /** From useResendCooldown: the button waits while the server would send nothing. */
  secondsLeft: number;
  loading: boolean;
  onClick: () => void;
}

/** "Send again" for an emailed link, disabled through the cooldown with the countdown that names why. */
export function SendAgainButton({ secondsLeft, loading, onClick }: SendAgainButtonProps) {
  const countdownId = useId();
  return (
    <>
      <Button
        variant="default"
        fullWidth
        onClick={onClick}
        loading={loading}
        disabled={secondsLeft > 0}
        aria-describedby={secondsLeft > 0 ? countdownId : undefined}
      >
        Send again
      </Button>
      <ResendCountdown id={countdownId} secondsLeft={secondsLeft} />
    </>
  );
}
