import { useMutation, useQuery } from '@apollo/client/react';
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
import { queryState } from '../../../app/queryState';

export type QuickBooksConfiguration = QuickBooksConfigurationFieldsFragment;

/** Each action rejects with the API's error for the caller to show. */

export function useQuickBooksConfiguration(id: string) {
  const { data, loading, error, refetch } = useQuery(QuickBooksConfigurationDocument, { variables: { id } });
  return {
    configuration: data?.quickBooksConfiguration ?? null,
    ...queryState({ data, loading, error, refetch }),
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

/**
 * Deletes a configuration, and the cache forgets it as the answer arrives: the lists holding it (the dashboard,
 * the sidebar) drop it without asking the server again, and asking for it by id reads `null` (see
 * `createCache`). `requested` stays true once a delete was asked, so the page that showed the configuration
 * can tell "deleted here" from "not found".
 */
export function useDeleteQuickBooksCompany() {
  const [mutate, { loading, called }] = useMutation(DeleteQuickBooksCompanyDocument, {
    update(cache, { data }, { variables }) {
      if (!data?.deleteQuickBooksCompany || !variables) return;
      cache.evict({ id: cache.identify({ __typename: 'QuickBooksConfiguration', id: variables.id }) });
      cache.gc();
    },
  });
  const remove = async (id: string) => {
    await mutate({ variables: { id } });
  };
  return { remove, removing: loading, requested: called };
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
