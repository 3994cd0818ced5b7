import { ConnectionState } from '../../graphql/connection-status';
import {
  DISCONNECTED_MESSAGE,
  NOT_CONNECTED_MESSAGE,
  REASONS,
  reasonOf,
  reconnectDeadline,
  statusOf,
  type StatusFields,
} from './quickbooks-status';

const DAY = 24 * 60 * 60 * 1000;
const connectedAt = new Date('2026-12-02T10:00:00.000Z');

describe('reconnectDeadline', () => {
  it('is connectedAt + the six-month rule on a brand-new connection, not the rolling ~100-day window', () => {
    const deadline = reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: null, reconnectAfterDays: 180 });
    expect(deadline).toEqual(new Date(connectedAt.getTime() + 180 * DAY));
    expect(deadline.toISOString()).toBe('2027-05-31T10:00:00.000Z');
  });

  it("is Intuit's hard expiry when that comes first", () => {
    const hard = new Date(connectedAt.getTime() + 90 * DAY);
    expect(reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: hard, reconnectAfterDays: 180 })).toEqual(hard);
  });

  it('keeps the six-month rule when the hard expiry is later', () => {
    const hard = new Date(connectedAt.getTime() + 5 * 365 * DAY);
    expect(reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: hard, reconnectAfterDays: 180 })).toEqual(
      new Date(connectedAt.getTime() + 180 * DAY),
    );
  });

  it('follows QBO_RECONNECT_AFTER_DAYS', () => {
    expect(reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: null, reconnectAfterDays: 30 })).toEqual(
      new Date(connectedAt.getTime() + 30 * DAY),
    );
  });
});

describe('statusOf a connected configuration', () => {
  const record = (reconnectBy: Date): StatusFields => ({
    name: 'Default',
    state: 'CONNECTED',
    reconnectBy,
    checkedAt: connectedAt,
    lastErrorCode: null,
    refreshTokenSealed: 'v1.sealed',
    tokenVersion: 1,
  });
  const reconnectBy = reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: null, reconnectAfterDays: 180 });

  it('reads CONNECTED with its reconnect date right after connecting', () => {
    expect(statusOf(record(reconnectBy), connectedAt)).toEqual({
      state: ConnectionState.CONNECTED,
      message: null,
      checkedAt: connectedAt,
      reconnectBy,
    });
  });

  it('reads EXPIRING two weeks before, naming the date', () => {
    const now = new Date(reconnectBy.getTime() - 14 * DAY);
    expect(statusOf(record(reconnectBy), now)).toMatchObject({
      state: ConnectionState.EXPIRING,
      message: 'Reconnect Default to QuickBooks Online by May 31, 2027: Intuit requires a new authorization by then.',
    });
  });

  it('reads LOST once the date has passed', () => {
    expect(statusOf(record(reconnectBy), reconnectBy)).toMatchObject({
      state: ConnectionState.LOST,
      reconnectBy: null,
    });
  });
});

describe('the reconnect date over a connection’s life', () => {
  const reconnectAfterDays = 180;

  it('is the earlier of the two at the instant they meet, and never later than connectedAt + the rule', () => {
    const sixMonths = new Date(connectedAt.getTime() + 180 * DAY);
    expect(reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: sixMonths, reconnectAfterDays })).toEqual(
      sixMonths,
    );
    for (const hardInDays of [1, 100, 179, 181, 365, 5 * 365]) {
      const hard = new Date(connectedAt.getTime() + hardInDays * DAY);
      const deadline = reconnectDeadline({ connectedAt, refreshTokenHardExpiresAt: hard, reconnectAfterDays });
      expect(deadline.getTime()).toBe(Math.min(hard.getTime(), sixMonths.getTime()));
    }
  });

  // A refresh keeps connectedAt, so the date stays put (quickbooks-token-manager.spec.ts › "refreshes once…").
  it('starts again from a new connectedAt when the person reconnects', () => {
    const reconnected = new Date(connectedAt.getTime() + 170 * DAY);
    expect(
      reconnectDeadline({ connectedAt: reconnected, refreshTokenHardExpiresAt: null, reconnectAfterDays }),
    ).toEqual(new Date(reconnected.getTime() + 180 * DAY));
  });
});

describe('statusOf and reasonOf', () => {
  const reconnectBy = new Date(connectedAt.getTime() + 180 * DAY);
  const base: StatusFields & { statusMessage: string | null } = {
    name: 'EMEA',
    state: 'CONNECTED',
    reconnectBy,
    checkedAt: connectedAt,
    lastErrorCode: null,
    refreshTokenSealed: 'v1.sealed',
    tokenVersion: 3,
    statusMessage: null,
  };

  it('ignores the refresh token’s rolling window: a connection whose window ends soon still reads CONNECTED', () => {
    // The checker refreshes 30 days before the window ends; the status is the six-month date's alone.
    const record = { ...base, refreshTokenExpiresAt: new Date(connectedAt.getTime() + DAY) };
    expect(statusOf(record, connectedAt)).toMatchObject({ state: ConnectionState.CONNECTED, reconnectBy });
  });

  it('turns EXPIRING exactly 14 days before the date, not a millisecond earlier', () => {
    expect(statusOf(base, new Date(reconnectBy.getTime() - 14 * DAY - 1)).state).toBe(ConnectionState.CONNECTED);
    expect(statusOf(base, new Date(reconnectBy.getTime() - 14 * DAY)).state).toBe(ConnectionState.EXPIRING);
    expect(statusOf(base, new Date(reconnectBy.getTime() - 1)).state).toBe(ConnectionState.EXPIRING);
  });

  it('shows a transient failure’s reason on a connection that still works, and only a transient one', () => {
    expect(statusOf({ ...base, lastErrorCode: 'INTUIT_UNAVAILABLE' }, connectedAt)).toMatchObject({
      state: ConnectionState.CONNECTED,
      message: REASONS.INTUIT_UNAVAILABLE,
    });
    expect(statusOf({ ...base, lastErrorCode: 'QBO_THROTTLED' }, connectedAt).message).toBe(REASONS.QBO_THROTTLED);
    expect(statusOf({ ...base, lastErrorCode: 'INVALID_GRANT' }, connectedAt).message).toBeNull();
  });

  it('reads LOST with the flash message, no date, and its stored reason', () => {
    const lost = { ...base, state: 'LOST' as const, refreshTokenSealed: null, statusMessage: REASONS.INVALID_GRANT };
    expect(statusOf(lost, connectedAt)).toEqual({
      state: ConnectionState.LOST,
      message: 'Your EMEA connection to QuickBooks Online has been lost. Please reconnect.',
      checkedAt: connectedAt,
      reconnectBy: null,
    });
    expect(reasonOf(lost, connectedAt)).toBe(REASONS.INVALID_GRANT);
  });

  it('gives a connection past its date (not yet retired by the checker) the reconnect-date reason', () => {
    expect(reasonOf(base, reconnectBy)).toBe(REASONS.RECONNECT_DEADLINE);
  });

  it('tells never connected from disconnected, and gives neither a reason', () => {
    const none = { ...base, state: 'NOT_CONNECTED' as const, refreshTokenSealed: null, reconnectBy: null };
    expect(statusOf({ ...none, tokenVersion: 0 }, connectedAt)).toMatchObject({
      state: ConnectionState.NOT_CONNECTED,
      message: NOT_CONNECTED_MESSAGE,
      reconnectBy: null,
    });
    expect(statusOf(none, connectedAt).message).toBe(DISCONNECTED_MESSAGE);
    expect(reasonOf({ ...none, statusMessage: 'stale' }, connectedAt)).toBeNull();
    // CONNECTED without a refresh token cannot be used: it reads as not connected.
    expect(statusOf({ ...base, refreshTokenSealed: null }, connectedAt).state).toBe(ConnectionState.NOT_CONNECTED);
  });
});
