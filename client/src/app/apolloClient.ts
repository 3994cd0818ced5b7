import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { MeDocument } from '../generated/graphql';

/**
 * The API shares the dashboard's origin and keeps the session in an httpOnly cookie,
 * so the browser never holds a token: every request is a same-origin JSON POST.
 */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  const cache = new InMemoryCache();

  // A session that expired mid-visit: forget the account so the guard sends the user to log in.
  const sessionExpiry = new ErrorLink(({ error }) => {
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      cache.writeQuery({ query: MeDocument, data: { me: null } });
    }
  });

  return new ApolloClient({
    cache,
    link: sessionExpiry.concat(
      new HttpLink({ uri, credentials: 'same-origin', headers: { 'content-type': 'application/json' } }),
    ),
  });
}
