import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ErrorCode } from '../../lib/errors';

const READ_ONLY = 'API tokens are read-only: they can read configuration and connection status, not change anything.';

/**
 * API tokens are read-only for every operation, public ones included: a mutation sent with one is
 * answered FORBIDDEN before anything runs (the auth checker covers @Authorized fields; this covers the rest).
 */
export const apiTokensReadOnlyPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async responseForOperation({ contextValue, operation }) {
        if (contextValue.principal !== 'api-token' || operation.operation === OperationTypeNode.QUERY) return null;
        return {
          http: { status: 200, headers: new HeaderMap() },
          body: {
            kind: 'single',
            singleResult: { data: null, errors: [{ message: READ_ONLY, extensions: { code: ErrorCode.FORBIDDEN } }] },
          },
        };
      },
    };
  },
};
