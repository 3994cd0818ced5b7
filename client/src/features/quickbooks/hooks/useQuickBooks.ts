import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import {
  AddQuickBooksCompanyDocument,
  BeginQuickBooksAuthDocument,
  CheckQuickBooksConnectionDocument,
  ConfigurationsOverviewDocument,
  DeleteQuickBooksCompanyDocument,
  DisconnectQuickBooksDocument,
  QuickBooksConfigurationDocument,
  RenameQuickBooksCompanyDocument,
  type QuickBooksConfigurationFieldsFragment,
} from '../../../generated/graphql';

export type QuickBooksConfiguration = QuickBooksConfigurationFieldsFragment;

/** Each action rejects with the API's error for the caller to show. */

/** `skip` once the configuration is deleted, so forgetting it does not ask the server again. */
export function useQuickBooksConfiguration(id: string, { skip = false } = {}) {
  const { data, loading, error, refetch } = useQuery(QuickBooksConfigurationDocument, { variables: { id }, skip });
  return {
    configuration: data?.quickBooksConfiguration ?? null,
    loading: loading && !data,
    error: data ? undefined : error,
    refetch: () => void refetch().catch(() => undefined),
  };
}

/** The new configuration joins the dashboard's list (and the sidebar) before the promise resolves. */
export function useAddQuickBooksCompany() {
  const [mutate, { loading }] = useMutation(AddQuickBooksCompanyDocument, {
    refetchQueries: [ConfigurationsOverviewDocument],
    awaitRefetchQueries: true,
  });
  const add = async (name: string): Promise<QuickBooksConfiguration> => {
    const { data } = await mutate({ variables: { name } });
    if (!data) throw new Error('The company was not added.');
    return data.addQuickBooksCompany;
  };
  return { add, adding: loading };
}

export function useRenameQuickBooksCompany() {
  const [mutate, { loading }] = useMutation(RenameQuickBooksCompanyDocument);
  const rename = async (id: string, name: string) => {
    await mutate({ variables: { id, name } });
  };
  return { rename, renaming: loading };
}

export function useDeleteQuickBooksCompany() {
  const client = useApolloClient();
  const [mutate, { loading }] = useMutation(DeleteQuickBooksCompanyDocument, {
    refetchQueries: [ConfigurationsOverviewDocument],
    awaitRefetchQueries: true,
  });
  /**
   * Deletes, then resolves with `forget`: call it once the page showing the configuration is gone, so the
   * cached object (and a later visit to its address) does not outlive it.
   */
  const remove = async (id: string): Promise<() => void> => {
    await mutate({ variables: { id } });
    return () => {
      client.cache.evict({ id: client.cache.identify({ __typename: 'QuickBooksConfiguration', id }) });
      client.cache.gc();
    };
  };
  return { remove, removing: loading };
}

/** Starts "Connect to QuickBooks": resolves with Intuit's sign-in URL for the browser to open. */
export function useBeginQuickBooksAuth() {
  const [mutate, { loading }] = useMutation(BeginQuickBooksAuthDocument);
  const begin = async (configurationId: string): Promise<string> => {
    const { data } = await mutate({ variables: { configurationId } });
    if (!data) throw new Error('Intuit sign-in could not start.');
    return data.beginQuickBooksAuth.authorizationUrl;
  };
  return { begin, beginning: loading };
}

export function useDisconnectQuickBooks() {
  const [mutate, { loading }] = useMutation(DisconnectQuickBooksDocument);
  const disconnect = async (configurationId: string) => {
    await mutate({ variables: { configurationId } });
  };
  return { disconnect, disconnecting: loading };
}

export function useCheckQuickBooksConnection() {
  const [mutate, { loading }] = useMutation(CheckQuickBooksConnectionDocument);
  const check = async (configurationId: string): Promise<QuickBooksConfiguration | null> => {
    const { data } = await mutate({ variables: { configurationId } });
    return data?.checkQuickBooksConnection ?? null;
  };
  return { check, checking: loading };
}
