import { DomainError, ErrorCode, declareErrorCodes } from '../../lib/errors';
import { lostMessage, REASONS, type ReasonCode } from './quickbooks-status';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';

/** QuickBooks's codes in `extensions.code`. */
export const QuickBooksErrorCode = declareErrorCodes(
  /** The configuration has no working connection (LOST ones say why in extensions.state and reason). */
  'QUICKBOOKS_NOT_CONNECTED',
  /** Intuit or QuickBooks Online could not be reached just now; the connection itself is fine. */
  'QUICKBOOKS_UNAVAILABLE',
);

export const configurationNotFound = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'There is no such QuickBooks Online configuration in your account.', {
    field: 'configurationId',
  });

export const notConnected = (name: string) =>
  new DomainError(
    QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED,
    `${name} is not connected to QuickBooks Online yet. Open its configuration and click Connect to QuickBooks.`,
  );

export const connectionLost = (name: string, code?: string) =>
  new DomainError(QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED, lostMessage(name), {
    extensions: { state: 'LOST', ...(code ? { reason: code } : {}) },
  });

export const quickBooksUnavailable = (code: ReasonCode) =>
  new DomainError(QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE, REASONS[code], { extensions: { reason: code } });

/** What a caller sees when it needs a working connection and this one is not (LOST keeps its reason). */
export function assertConnected(
  record: QuickBooksConfigurationRecord,
): asserts record is QuickBooksConfigurationRecord & { realmId: string; refreshTokenSealed: string } {
  if (record.state === 'LOST') throw connectionLost(record.name, record.lastErrorCode ?? undefined);
  if (record.state !== 'CONNECTED' || !record.refreshTokenSealed || !record.realmId) throw notConnected(record.name);
}
