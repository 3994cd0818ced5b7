import { QueryFailedError } from 'typeorm';
import { databaseUnavailable, declareErrorCodes, DomainError, ErrorCode, isDatabaseUnavailable } from './errors';

const VendorCode = declareErrorCodes('VENDOR_UNAVAILABLE', 'VENDOR_REFUSED');

describe('declareErrorCodes', () => {
  it('makes each code its own name, which a DomainError carries as is (clients read extensions.code)', () => {
    expect(VendorCode).toEqual({ VENDOR_UNAVAILABLE: 'VENDOR_UNAVAILABLE', VENDOR_REFUSED: 'VENDOR_REFUSED' });
    expect(Object.isFrozen(VendorCode)).toBe(true);
    expect(new DomainError(VendorCode.VENDOR_REFUSED, 'refused').code).toBe('VENDOR_REFUSED');
    expect(new DomainError(ErrorCode.NOT_FOUND, 'gone').code).toBe('NOT_FOUND');
  });

  it('refuses (at compile time) a code nobody declared', () => {
    // @ts-expect-error a bare string is not a declared code
    expect(new DomainError('VENDOR_UNAVAILABLE', 'down').code).toBe('VENDOR_UNAVAILABLE');
  });
});

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
    ['another domain error', new DomainError(VendorCode.VENDOR_UNAVAILABLE, 'QBO is down')],
    ['a plain value', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
