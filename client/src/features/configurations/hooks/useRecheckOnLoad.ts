import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { useCheckConnectWise } from '../../connectwise/hooks/useConnectWise';

/** Accounts whose connection was re-checked, per Apollo client (one client per page load). */
const rechecked = new WeakMap<ApolloClient, Set<string>>();

/**
 * Once per page load and account, asks the server to re-validate the ConnectWise PSA connection if its last
 * check is older than 15 minutes (the server decides; a recent check costs nothing). The answer updates the
 * cached status, so the dashboard and sidebar show it. Failures are silent: the status stays what it was.
 */
export function useRecheckOnLoad(accountId: string | undefined, connectWiseConfigured: boolean) {
  const client = useApolloClient();
  const { check } = useCheckConnectWise();

  useEffect(() => {
    if (!accountId || !connectWiseConfigured) return;
    const done = rechecked.get(client) ?? new Set<string>();
    rechecked.set(client, done);
    if (done.has(accountId)) return;
    done.add(accountId);
    check(false).catch(() => undefined);
    // `check` is a fresh closure each render; the guard above makes this run once per account.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, accountId, connectWiseConfigured]);
}
