import { OperationTypeNode } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../lib/errors';
import type { GraphQLContext } from './context';

/** Every @Authorized operation needs a principal; read-only API tokens may never run a mutation. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context, info }) => {
  if (!context.account || !context.principal) throw unauthenticated();
  if (context.principal === 'api-token' && info.operation.operation !== OperationTypeNode.QUERY) {
    throw forbidden(
      'API tokens are read-only: they can read configuration and connection status, not change anything.',
    );
  }
  return true;
};

/** The only operations callable without a session (docs/product.md §8). */
export const PUBLIC_OPERATIONS = [
  'me',
  'signup',
  'verifyEmail',
  'emailLink',
  'login',
  'requestPasswordReset',
  'resetPassword',
];
