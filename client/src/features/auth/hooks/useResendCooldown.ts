import { useEffect, useState } from 'react';

/**
 * How long after an email is asked for another of the same kind can be sent to the same account. The server
 * sends at most one sign-up email and one reset email a minute to an account (EMAIL_BUDGET.perKindPerMinute in
 * server/src/modules/auth/auth.service.ts, docs/accounts.md §1) and answers `true` either way, so a second
 * request within the minute would send nothing while the page said it had.
 */
export const RESEND_COOLDOWN_MS = 60_000;

/** Whole seconds until another link can be asked for after one was asked for at `sentAt` (0: now). */
export function cooldownSecondsLeft(sentAt: number | null, now: number): number {
  if (sentAt === null) return 0;
  return Math.max(0, Math.ceil((sentAt + RESEND_COOLDOWN_MS - now) / 1000));
}

/**
 * The seconds left before another link may be asked for, counting down once a second (on the second boundaries
 * of the send); 0 when there is no cooldown. `sentAt` is when the last link was asked for (Date.now()), or null.
 */
export function useResendCooldown(sentAt: number | null): number {
  // Only a re-render each second; the seconds are read from the clock as the page renders.
  const [, setTick] = useState(0);

  useEffect(() => {
    if (sentAt === null) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      const remainingMs = sentAt + RESEND_COOLDOWN_MS - Date.now();
      if (remainingMs <= 0) return;
      timer = setTimeout(
        () => {
          setTick((tick) => tick + 1);
          next();
        },
        remainingMs % 1000 || 1000,
      );
    };
    next();
    return () => clearTimeout(timer);
  }, [sentAt]);

  return cooldownSecondsLeft(sentAt, Date.now());
}
