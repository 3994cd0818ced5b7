import { randomBytes } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { databaseUnavailable, DomainError, ErrorCode, isDatabaseUnavailable } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** Maps every error once: domain errors keep their code and field; anything unexpected is masked. */

const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'INTROSPECTION_DISABLED',
]);

function fieldFromVariableMessage(message: string): string | undefined {
  return /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
}

export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const path = formatted.path;
    // The database is unavailable (stopped, unreachable, locked): one plain sentence, never the driver's text.
    if (formatted.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE || isDatabaseUnavailable(original)) {
      const unavailable = databaseUnavailable();
      logger.warn({ event: 'database.unavailable', path, err: original }, 'the database is unavailable');
      return {
        message: unavailable.message,
        path,
        extensions: { code: unavailable.code, ...(unavailable.extensions ?? {}) },
      };
    }
    // A domain error from a resolver, or one the context function raised (a refused credential: no path).
    const domain =
      original instanceof DomainError
        ? original
        : original instanceof GraphQLError && !path && original.originalError instanceof DomainError
          ? original.originalError
          : null;
    if (domain) {
      return {
        message: domain.message,
        path,
        extensions: {
          code: domain.code,
          ...(domain.field ? { field: domain.field } : {}),
          ...(domain.extensions ?? {}),
        },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const first = original.extensions.validationErrors?.[0] as
        { property?: string; constraints?: Record<string, string> } | undefined;
      const message = first?.constraints ? Object.values(first.constraints)[0] : 'The input is not valid.';
      return {
        message: message ?? 'The input is not valid.',
        path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, ...(first?.property ? { field: first.property } : {}) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
      const named = formatted.extensions?.field;
      const field =
        code !== 'BAD_USER_INPUT'
          ? undefined
          : typeof named === 'string'
            ? named
            : fieldFromVariableMessage(formatted.message);
      return {
        message: formatted.message,
        locations: formatted.locations,
        path,
        extensions: { code, ...(field ? { field } : {}) },
      };
    }
    // graphql-armor / validation rules raise plain GraphQLErrors without an Apollo code.
    if (original instanceof GraphQLError && !original.originalError && !path) {
      return { message: formatted.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    }
    const reference = randomBytes(4).toString('hex');
    logger.error({ err: original, reference, path }, 'unexpected error in a GraphQL operation');
    return {
      message: `Something went wrong on our side. Please try again; if it keeps happening, contact support with reference ${reference}.`,
      path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reference },
    };
  };
}
