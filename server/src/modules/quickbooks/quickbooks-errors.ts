import { DomainError, ErrorCode } from '../../lib/errors';
import { lostMessage, REASONS, type ReasonCode } from './quickbooks-status';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';

export const configurationNotFound = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'There is no such QuickBooks Online configuration in your account.', {
    field: 'configurationId',
  });

export const notConnected = (name: string) =>
  new DomainError(
    ErrorCode.QUICKBOOKS_NOT_CONNECTED,
    `${name} is not connected to QuickBooks Online yet. Open its configuration and click Connect to QuickBooks.`,
  );

export const connectionLost = (name: string, code?: string) =>
  new DomainError(ErrorCode.QUICKBOOKS_NOT_CONNECTED, lostMessage(name), {
    extensions: { state: 'LOST', ...(code ? { reason: code } : {}) },
  });

export const quickBooksUnavailable = (code: ReasonCode) =>
  new DomainError(ErrorCode.QUICKBOOKS_UNAVAILABLE, REASONS[code], { extensions: { reason: code } });

/** What a caller sees when it needs a working connection and this one is not (LOST keeps its reason). */
export function assertConnected(
  record: QuickBooksConfigurationRecord,
): asserts record is QuickBooksConfigurationRecord & { realmId: string; refreshTokenSealed: string } {
  if (record.state === 'LOST') throw connectionLost(record.name, record.lastErrorCode ?? undefined);
  if (record.state !== 'CONNECTED' || !record.refreshTokenSealed || !record.realmId) throw notConnected(record.name);
}
