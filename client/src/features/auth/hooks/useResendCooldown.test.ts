import { act, renderHook } from '@testing-library/react';
import { cooldownSecondsLeft, RESEND_COOLDOWN_MS, useResendCooldown } from './useResendCooldown';

describe('useResendCooldown', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2026-12-02T10:00:00.000Z'));
  });
  afterEach(() => jest.useRealTimers());

  it('is ready at once when nothing was sent', () => {
    const { result } = renderHook(() => useResendCooldown(null));
    expect(result.current).toBe(0);
  });

  it('counts the server’s minute down from the send, once a second, to ready', () => {
    const sentAt = Date.now();
    const { result } = renderHook(() => useResendCooldown(sentAt));
    expect(RESEND_COOLDOWN_MS).toBe(60_000);
    expect(result.current).toBe(60);

    act(() => jest.advanceTimersByTime(1000));
    expect(result.current).toBe(59);

    act(() => jest.advanceTimersByTime(17_000));
    expect(result.current).toBe(42);

    act(() => jest.advanceTimersByTime(41_000));
    expect(result.current).toBe(1);

    act(() => jest.advanceTimersByTime(1000));
    expect(result.current).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('starts again from a new send, and continues a send made before the page opened', () => {
    const sentBefore = Date.now() - 45_000;
    const { result, rerender } = renderHook(({ sentAt }: { sentAt: number | null }) => useResendCooldown(sentAt), {
      initialProps: { sentAt: sentBefore },
    });
    expect(result.current).toBe(15);

    act(() => jest.advanceTimersByTime(15_000));
    expect(result.current).toBe(0);

    rerender({ sentAt: Date.now() });
    expect(result.current).toBe(60);
  });

  it('rounds a part of a second up, so it never says 0 before the server would send', () => {
    expect(cooldownSecondsLeft(1_000, 1_000 + 59_001)).toBe(1);
    expect(cooldownSecondsLeft(1_000, 1_000 + 60_000)).toBe(0);
    expect(cooldownSecondsLeft(null, 5)).toBe(0);
  });
});
