import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { badInput, databaseUnavailable, DomainError, ErrorCode } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { createFormatError } from './format-error';

/**
 * Every error a GraphQL answer can carry is mapped once (format-error.ts): domain errors keep their code and
 * field, the database being down is one plain sentence, and anything unexpected is masked behind a reference.
 * The HTTP tests (test/integration/) prove the same through real requests; these pin each branch down.
 */

function setUp() {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  });
  const formatError = createFormatError(logger);
  /** What Apollo hands formatError for an error a resolver at `path` threw: the wrapped error and its JSON. */
  const fromResolver = (error: Error, path: ReadonlyArray<string | number> = ['me']) => {
    const wrapped = new GraphQLError(error.message, { path, originalError: error });
    return formatError(wrapped.toJSON(), wrapped);
  };
  return { logs, formatError, fromResolver };
}

describe('formatError', () => {
  it('keeps a domain error’s code, field and safe extensions', () => {
    const { fromResolver } = setUp();
    expect(fromResolver(badInput('name', 'Enter a name (1–50 characters).'), ['addConfiguration'])).toEqual({
      message: 'Enter a name (1–50 characters).',
      path: ['addConfiguration'],
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    const limited = new DomainError(ErrorCode.RATE_LIMITED, 'Too many attempts.', {
      extensions: { retryAfterSeconds: 60 },
    });
    expect(fromResolver(limited)).toEqual({
      message: 'Too many attempts.',
      path: ['me'],
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 60 },
    });
  });

  it('maps a domain error raised before any resolver (a refused credential: no path)', () => {
    const { formatError } = setUp();
    const refused = new DomainError(ErrorCode.UNAUTHENTICATED, 'Invalid or revoked API token.');
    const wrapped = new GraphQLError(refused.message, { originalError: refused });
    expect(formatError(wrapped.toJSON(), wrapped)).toEqual({
      message: 'Invalid or revoked API token.',
      path: undefined,
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('masks an unexpected error behind a reference: no message, stack, SQL or secret reaches the client', () => {
    const { fromResolver, logs } = setUp();
    const secret = 'sk_live_0123456789abcdef';
    const leak = new Error(`ER_DUP_ENTRY: INSERT INTO accounts (email, password) VALUES ('a@b.c', '${secret}')`);

    const formatted = fromResolver(leak, ['signUp']);

    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reference: expect.any(String) });
    const reference = formatted.extensions?.reference as string;
    expect(reference).toMatch(/^[0-9a-f]{8}$/);
    expect(formatted.message).toBe(
      `Something went wrong on our side. Please try again; if it keeps happening, contact support with reference ${reference}.`,
    );
    expect(formatted.path).toEqual(['signUp']);
    const answer = JSON.stringify(formatted);
    for (const leaked of [secret, 'INSERT', 'ER_DUP_ENTRY', 'stack', '    at ']) expect(answer).not.toContain(leaked);
    // The log keeps the detail under the same reference, for support.
    expect(logs).toEqual([expect.objectContaining({ reference, path: ['signUp'], level: 50 })]);
  });

  it('gives each unexpected error its own reference', () => {
    const { fromResolver } = setUp();
    const first = fromResolver(new Error('boom')).extensions?.reference;
    const second = fromResolver(new Error('boom')).extensions?.reference;
    expect(first).not.toBe(second);
  });

  it('turns argument validation into BAD_USER_INPUT naming the field and its first rule', () => {
    const { fromResolver } = setUp();
    const invalid = new ArgumentValidationError([
      { property: 'email', constraints: { isEmail: 'Enter a valid email address.', maxLength: 'Too long.' } },
      { property: 'name', constraints: { isNotEmpty: 'Enter a name.' } },
    ] as never);
    expect(fromResolver(invalid, ['signUp'])).toEqual({
      message: 'Enter a valid email address.',
      path: ['signUp'],
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });
    expect(fromResolver(new ArgumentValidationError([]))).toEqual({
      message: 'The input is not valid.',
      path: ['me'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers SERVICE_UNAVAILABLE in one plain sentence when the database is down, never the driver’s text', () => {
    const { fromResolver, formatError, logs } = setUp();
    const driver = Object.assign(new Error('SQLITE_BUSY: database is locked (/var/lib/mobius/mobius.sqlite)'), {
      code: 'SQLITE_BUSY',
    });
    const expected = {
      message: databaseUnavailable().message,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 30 },
    };

    expect(fromResolver(driver)).toEqual({ ...expected, path: ['me'] });
    expect(fromResolver(databaseUnavailable(driver))).toEqual({ ...expected, path: ['me'] });
    // Raised by a plugin before execution: only the code says so.
    expect(
      formatError({ message: 'whatever the plugin said', extensions: { code: 'SERVICE_UNAVAILABLE' } }, new Error()),
    ).toEqual({ ...expected, path: undefined });
    expect(JSON.stringify(logs)).toContain('database.unavailable');
  });

  it('passes GraphQL’s own request errors through with their code, and a field for a bad variable', () => {
    const { formatError } = setUp();
    const badVariable = {
      message: 'Variable "$input" got invalid value 3 at "input.name"; String cannot represent a non string value: 3',
      locations: [{ line: 1, column: 10 }],
      extensions: { code: 'BAD_USER_INPUT', stacktrace: ['GraphQLError: …', '    at coerceVariableValues'] },
    };
    expect(formatError(badVariable, new GraphQLError(badVariable.message))).toEqual({
      message: badVariable.message,
      locations: badVariable.locations,
      path: undefined,
      extensions: { code: 'BAD_USER_INPUT', field: 'input' },
    });

    const unknownField = {
      message: 'Cannot query field "password" on type "Account".',
      locations: [{ line: 1, column: 5 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: 'password' },
    };
    // Only BAD_USER_INPUT names a field; nothing else of the original extensions is kept.
    expect(formatError(unknownField, new GraphQLError(unknownField.message))).toEqual({
      message: unknownField.message,
      locations: unknownField.locations,
      path: undefined,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('labels a validation rule’s plain error (document limits) GRAPHQL_VALIDATION_FAILED', () => {
    const { formatError } = setUp();
    const tooDeep = new GraphQLError('Syntax Error: Query depth limit of 8 exceeded, found 12.');
    expect(formatError(tooDeep.toJSON(), tooDeep)).toEqual({
      message: 'Syntax Error: Query depth limit of 8 exceeded, found 12.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('masks an unknown code instead of passing it through', () => {
    const { formatError } = setUp();
    const odd = new GraphQLError('internal detail', { path: ['me'], extensions: { code: 'SOMETHING_ELSE' } });
    expect(formatError(odd.toJSON(), odd).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
