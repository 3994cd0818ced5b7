import { useQuery } from '@apollo/client/react';
import { MeDocument } from '../../../generated/graphql';

/** The signed-in account, or null. `me` answers null (not an error) without a session. */
export function useCurrentAccount() {
  const { data, loading, error, refetch } = useQuery(MeDocument);
  return { account: data?.me ?? null, loading: loading && !data, error, refetch };
}
