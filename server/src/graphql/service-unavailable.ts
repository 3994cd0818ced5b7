import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailable,
  ErrorCode,
  InvalidCredentialsError,
  isDatabaseUnavailable,
} from '../lib/errors';

/**
 * A database outage answers HTTP 503 with `Retry-After` (docs/faults.md). format-error.ts gives such errors
 * their code and sentence; this sets the status: the plugin for errors raised while executing an operation,
 * contextFailure() for the session lookup that runs before Apollo's plugins do. contextFailure() also turns a
 * refused `Authorization` credential into HTTP 401 with `WWW-Authenticate` (RFC 6750, docs/security.md).
 */

/** The challenge of a 401 for a wrong, expired or revoked bearer credential (RFC 6750 §3). */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';

export function serviceUnavailablePlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (!errors?.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** What the context function throws: a database outage as a 503, a refused credential as a 401, anything else unchanged. */
export function contextFailure(error: unknown): unknown {
  if (error instanceof InvalidCredentialsError) {
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: {
        code: ErrorCode.UNAUTHENTICATED,
        http: { status: 401, headers: new Map([['www-authenticate', INVALID_TOKEN_CHALLENGE]]) },
      },
    });
  }
  if (!isDatabaseUnavailable(error)) return error;
  const domain = databaseUnavailable(error);
  return new GraphQLError(domain.message, {
    originalError: domain,
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new Map([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]) },
    },
  });
}
