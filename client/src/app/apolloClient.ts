import { ApolloClient, HttpLink, InMemoryCache, type Reference } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { MeDocument } from '../generated/graphql';

/**
 * How answers are stored. Some types are not identified by their `id` alone, so they are kept inside the
 * answer that holds them rather than shared: a PSA invoice's `imported` depends on the QuickBooks company
 * asked about, and QuickBooks' account and tax code ids repeat across companies (and between the two kinds).
 *
 * A deleted QuickBooks configuration is evicted from the cache (`useDeleteQuickBooksCompany`): lists drop it
 * on their own, and asking for it by id reads as the server would answer, `null`, rather than asking again.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          quickBooksConfiguration: {
            read: (existing: Reference | null | undefined, { canRead }) =>
              existing && !canRead(existing) ? null : existing,
          },
        },
      },
      PsaInvoice: { keyFields: false },
      QuickBooksOption: { keyFields: false },
      ImportSettings: { keyFields: ['configurationId'] },
      ImportSummary: { keyFields: ['configurationId'] },
    },
  });
}

/**
 * The API shares the dashboard's origin and keeps the session in an httpOnly cookie,
 * so the browser never holds a token: every request is a same-origin JSON POST.
 */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  const cache = createCache();

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
