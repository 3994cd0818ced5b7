import { Text } from '@mantine/core';

/**
 * "You can send another link in 42 s." under a disabled "Send again" (useResendCooldown), which names it with
 * aria-describedby. Not a live region: a screen reader would read out every second.
 */
export function ResendCountdown({ id, secondsLeft }: { id: string; secondsLeft: number }) {
  if (secondsLeft <= 0) return null;
  return (
    <Text id={id} size="sm" c="dimmed" ta="center">
      You can send another link in {secondsLeft} s.
    </Text>
  );
}
