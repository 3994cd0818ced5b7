import { useMutation, useQuery } from '@apollo/client/react';
import {
  CheckConnectWiseConnectionDocument,
  ConnectWiseConnectionDocument,
  CachedAccountIdDocument,
  DisconnectConnectWiseDocument,
  SaveConnectWiseDocument,
  type ConnectWiseConnectionFieldsFragment,
  type ConnectWiseInput,
} from '../../../generated/graphql';
import { queryState } from '../../../app/queryState';

export type ConnectWiseConnection = ConnectWiseConnectionFieldsFragment;

/** The saved connection, or null until ConnectWise PSA is configured. */
export function useConnectWiseConnection() {
  const { data, loading, error, refetch } = useQuery(ConnectWiseConnectionDocument);
  return {
    connection: data?.me?.connectWise ?? null,
    ...queryState({ data, loading, error, refetch }),
  };
}

/**
 * Validates the credentials live with ConnectWise PSA, then stores them. Rejects with the API's error
 * (its `extensions.field` names the field to fix). The saved connection becomes the account's in the cache,
 * so the dashboard and sidebar update without a refetch.
 */
export function useSaveConnectWise() {
  const [mutate, { loading }] = useMutation(SaveConnectWiseDocument, {
    update(cache, { data }) {
      const saved = data?.saveConnectWise;
      const accountId = cache.readQuery({ query: CachedAccountIdDocument })?.me?.id;
      if (!saved || !accountId) return;
      cache.modify({
        id: cache.identify({ __typename: 'Account', id: accountId }),
        fields: {
          connectWise: (_existing, { toReference }) =>
            toReference({ __typename: 'ConnectWiseConnection', id: saved.id }),
        },
      });
    },
  });
  const save = async (input: ConnectWiseInput): Promise<ConnectWiseConnection> => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('ConnectWise PSA connection was not saved.');
    return data.saveConnectWise;
  };
  return { save, saving: loading };
}

/** Validates the stored connection again: when older than 15 minutes, or now with `force`. */
export function useCheckConnectWise() {
  const [mutate, { loading }] = useMutation(CheckConnectWiseConnectionDocument);
  const check = async (force: boolean): Promise<ConnectWiseConnection | null> => {
    const { data } = await mutate({ variables: { force } });
    return data?.checkConnectWiseConnection ?? null;
  };
  return { check, checking: loading };
}

/**
 * Disconnects ConnectWise PSA (Mobius forgets the keys). The account has no connection in the cache afterwards, so
 * this page shows the form again and the dashboard and sidebar show ConnectWise PSA as not connected.
 */
export function useDisconnectConnectWise() {
  const [mutate, { loading }] = useMutation(DisconnectConnectWiseDocument, {
    update(cache) {
      const accountId = cache.readQuery({ query: CachedAccountIdDocument })?.me?.id;
      if (!accountId) return;
      cache.modify({
        id: cache.identify({ __typename: 'Account', id: accountId }),
        fields: { connectWise: () => null },
      });
    },
  });
  const disconnect = async (currentPassword: string): Promise<void> => {
    await mutate({ variables: { currentPassword } });
  };
  return { disconnect, disconnecting: loading };
}
