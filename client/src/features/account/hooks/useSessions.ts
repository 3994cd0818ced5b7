import { useMutation, useQuery } from '@apollo/client/react';
import {
  SessionsDocument,
  SignOutEverywhereDocument,
  SignOutOtherSessionsDocument,
  SignOutSessionDocument,
  type SessionFieldsFragment,
} from '../../../generated/graphql';
import { queryState } from '../../../app/queryState';

export type Session = SessionFieldsFragment;

export function useSessions() {
  const { data, loading, error, refetch } = useQuery(SessionsDocument, { fetchPolicy: 'cache-and-network' });
  return {
    sessions: data?.sessions ?? [],
    ...queryState({ data, loading, error, refetch }),
  };
}

/** Both sign-outs answer with the sessions left, which replace the list. */
export function useSignOutSessions() {
  const [signOutOne] = useMutation(SignOutSessionDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: SessionsDocument, data: { sessions: data.signOutSession } });
    },
  });
  const [signOutAllOthers] = useMutation(SignOutOtherSessionsDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: SessionsDocument, data: { sessions: data.signOutOtherSessions } });
    },
  });
  const [signOutAll] = useMutation(SignOutEverywhereDocument);
  return {
    /** Ends every session, this one included: the caller leaves for the log-in page. */
    signOutEverywhere: async () => {
      await signOutAll();
    },
    signOut: async (id: string) => {
      await signOutOne({ variables: { id } });
    },
    signOutOthers: async () => {
      await signOutAllOthers();
    },
  };
}
