import type { ApolloClient } from '@apollo/client';
import { MeDocument, type CurrentAccountFragment } from '../../../generated/graphql';

/**
 * The server has just set the session cookie for `account`: drop whatever the previous visitor
 * left in the cache, then record who is signed in so guarded pages render without a refetch of `me`.
 */
export async function rememberSignedIn(client: ApolloClient, account: CurrentAccountFragment): Promise<void> {
  await client.clearStore();
  client.writeQuery({ query: MeDocument, data: { me: account } });
}
