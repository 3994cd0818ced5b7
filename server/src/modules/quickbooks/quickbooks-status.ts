import { ConnectionState, type ConnectionStatus } from '../../graphql/connection-status';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';

/** How a stored configuration reads to a person: pure, DB-only, never calls Intuit. */

const DAY_MS = 24 * 60 * 60 * 1000;
/** EXPIRING inside the last 14 days before the reconnect deadline (one reminder at 14, one at 3 days). */
export const EXPIRING_WINDOW_MS = 14 * DAY_MS;
export const REMINDER_DAYS = [14, 3] as const;

/** A configuration that has never had a QuickBooks company. */
export const NOT_CONNECTED_MESSAGE = 'Not connected yet';
/** One that had a company until Disconnect (or whose lost connection was disconnected). */
export const DISCONNECTED_MESSAGE = 'Disconnected — connect again to import';

/** docs/product.md §5, word for word: the flash message of a configuration whose connection failed to validate. */
export function lostMessage(name: string): string {
  return `Your ${name} connection to QuickBooks Online has been lost. Please reconnect.`;
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function expiringMessage(name: string, reconnectBy: Date): string {
  return `Reconnect ${name} to QuickBooks Online by ${formatDate(reconnectBy)}: Intuit requires a new authorization by then.`;
}

/** Fixed reasons (lastErrorCode) and their human explanation. */
export const REASONS = {
  INVALID_GRANT:
    'Intuit no longer accepts the authorization: the app was disconnected in QuickBooks Online, or the authorization expired. Connect to QuickBooks again.',
  RECONNECT_DEADLINE:
    'The connection reached its reconnect date. QuickBooks Online connections must be authorized again periodically; connect to QuickBooks again.',
  QBO_UNAUTHORIZED: 'QuickBooks Online refused the connection. Connect to QuickBooks again.',
  QBO_FORBIDDEN:
    'QuickBooks Online no longer lets Mobius access this company (the user who connected it may have lost access). Connect to QuickBooks again.',
  DECRYPTION_FAILED: 'The stored QuickBooks Online authorization cannot be read. Connect to QuickBooks again.',
  INTUIT_UNAVAILABLE: 'The last check could not reach QuickBooks Online; Mobius will try again shortly.',
  INTUIT_BAD_RESPONSE: 'The last check got an unusable answer from Intuit; Mobius will try again shortly.',
  INTUIT_INVALID_CLIENT:
    'Intuit refused Mobius’s app credentials; the connection itself is probably fine. Mobius will try again.',
  QBO_THROTTLED: 'QuickBooks Online asked Mobius to slow down; the next check will try again.',
} as const;

export type ReasonCode = keyof typeof REASONS;

/** Codes after which the connection still works (only the last check failed). */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set<ReasonCode>([
  'INTUIT_UNAVAILABLE',
  'INTUIT_BAD_RESPONSE',
  'INTUIT_INVALID_CLIENT',
  'QBO_THROTTLED',
]);

/**
 * The date a person must act by: connectedAt + reconnectAfterDays (the six-month rule) or Intuit's hard
 * expiry of the authorization, whichever is earlier. The refresh token's rolling window (~100 days,
 * `refreshTokenExpiresAt`) is not a deadline: every refresh moves it forward and Mobius refreshes well
 * before it ends (the checker's keep-alive). If it were ever reached, the token is dead and the next
 * refresh's `invalid_grant` marks the connection LOST like any other refusal.
 */
export function reconnectDeadline(input: {
  connectedAt: Date;
  refreshTokenHardExpiresAt: Date | null;
  reconnectAfterDays: number;
}): Date {
  const candidates = [input.connectedAt.getTime() + input.reconnectAfterDays * DAY_MS];
  if (input.refreshTokenHardExpiresAt) candidates.push(input.refreshTokenHardExpiresAt.getTime());
  return new Date(Math.min(...candidates));
}

export type StatusFields = Pick<
  QuickBooksConfigurationRecord,
  'name' | 'state' | 'reconnectBy' | 'checkedAt' | 'lastErrorCode' | 'refreshTokenSealed'
> &
  // Every token write bumps tokenVersion (connecting included): above 0, the configuration was connected once.
  Partial<Pick<QuickBooksConfigurationRecord, 'tokenVersion'>>;

export function effectiveState(record: StatusFields, now: Date): ConnectionState {
  if (record.state === 'LOST') return ConnectionState.LOST;
  if (record.state !== 'CONNECTED' || !record.refreshTokenSealed) return ConnectionState.NOT_CONNECTED;
  if (record.reconnectBy && record.reconnectBy.getTime() <= now.getTime()) return ConnectionState.LOST;
  if (record.reconnectBy && record.reconnectBy.getTime() - now.getTime() <= EXPIRING_WINDOW_MS) {
    return ConnectionState.EXPIRING;
  }
  return ConnectionState.CONNECTED;
}

export function statusOf(record: StatusFields, now: Date): ConnectionStatus {
  const state = effectiveState(record, now);
  switch (state) {
    case ConnectionState.NOT_CONNECTED:
      return {
        state,
        message: (record.tokenVersion ?? 0) > 0 ? DISCONNECTED_MESSAGE : NOT_CONNECTED_MESSAGE,
        checkedAt: record.checkedAt,
        reconnectBy: null,
      };
    case ConnectionState.LOST:
      return { state, message: lostMessage(record.name), checkedAt: record.checkedAt, reconnectBy: null };
    case ConnectionState.EXPIRING:
      return {
        state,
        message: expiringMessage(record.name, record.reconnectBy as Date),
        checkedAt: record.checkedAt,
        reconnectBy: record.reconnectBy,
      };
    case ConnectionState.CONNECTED:
      return {
        state,
        message:
          record.lastErrorCode && TRANSIENT_CODES.has(record.lastErrorCode)
            ? REASONS[record.lastErrorCode as ReasonCode]
            : null,
        checkedAt: record.checkedAt,
        reconnectBy: record.reconnectBy,
      };
  }
}

/** The separate, human reason behind the state (statusReason field). */
export function reasonOf(record: StatusFields & { statusMessage: string | null }, now: Date): string | null {
  const state = effectiveState(record, now);
  if (state === ConnectionState.LOST && record.state === 'CONNECTED') return REASONS.RECONNECT_DEADLINE;
  if (state === ConnectionState.NOT_CONNECTED) return null;
  return record.statusMessage;
}
