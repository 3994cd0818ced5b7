import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ConfigurationsOverviewDocument, RevalidateConnectionsDocument } from '../../../generated/graphql';

/** A status older than this is checked again when a page showing it opens (the server's checker: every 10 min). */
export const REVALIDATE_AFTER_SECONDS = 300;

/**
 * When the dashboard or a configuration page opens, asks the server to validate every connection last checked
 * more than five minutes ago (`connectionStatus(maxAgeSeconds)`; a recent check costs nothing), then reloads the
 * overview so the page and the sidebar show the answer. The stored status is on screen meanwhile; a failure or a
 * refusal (the account's budget) leaves it there.
 */
export function useRevalidateOnOpen(): void {
  const client = useApolloClient();
  useEffect(() => {
    // Refetching after the page closed is harmless: only the overview queries still on screen reload.
    client
      .query({
        query: RevalidateConnectionsDocument,
        variables: { maxAgeSeconds: REVALIDATE_AFTER_SECONDS },
        fetchPolicy: 'network-only',
      })
      .then(() => client.refetchQueries({ include: [ConfigurationsOverviewDocument] }))
      .catch(() => undefined);
  }, [client]);
}
