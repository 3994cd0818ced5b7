import { ConnectionState } from '../../graphql/connection-status';
import { reconnectDeadline, statusOf, type StatusFields } from './quickbooks-status';

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
