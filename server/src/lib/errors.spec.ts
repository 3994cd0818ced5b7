import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, DomainError, ErrorCode, isDatabaseUnavailable } from './errors';

const driverError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`driver says ${code}`), { code, ...extra });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused MySQL connection', driverError('ECONNREFUSED', { fatal: true })],
    ['a MySQL connection lost mid-query', driverError('PROTOCOL_CONNECTION_LOST', { fatal: true })],
    ['too many MySQL connections', driverError('ER_CON_COUNT_ERROR')],
    ['a locked SQLite file', new QueryFailedError('BEGIN IMMEDIATE', [], driverError('SQLITE_BUSY'))],
    ['an SQLite I/O error', new QueryFailedError('UPDATE x', [], driverError('SQLITE_IOERR_WRITE'))],
    ['a reset socket inside a QueryFailedError', new QueryFailedError('SELECT 1', [], driverError('ECONNRESET'))],
    ['a closed mysql2 connection', new Error("Can't add new command when connection is in closed state")],
    ['the error wrapped as a cause', new Error('outer', { cause: driverError('ER_SERVER_SHUTDOWN') })],
    ['our own SERVICE_UNAVAILABLE', databaseUnavailable()],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', new QueryFailedError('INSERT', [], driverError('ER_DUP_ENTRY'))],
    ['an SQLite constraint', new QueryFailedError('INSERT', [], driverError('SQLITE_CONSTRAINT_UNIQUE'))],
    ['bad SQL', new QueryFailedError('SELEC', [], driverError('ER_PARSE_ERROR'))],
    ['a vendor refusing a socket (fetch)', new TypeError('fetch failed', { cause: driverError('ECONNREFUSED') })],
    ['another domain error', new DomainError(ErrorCode.QUICKBOOKS_UNAVAILABLE, 'QBO is down')],
    ['a plain value', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
