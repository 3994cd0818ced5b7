import { useMutation, useQuery } from '@apollo/client/react';
import {
  ApiTokensDocument,
  CreateApiTokenDocument,
  RevokeApiTokenDocument,
  type ApiTokenFieldsFragment,
} from '../../../generated/graphql';
import { queryState } from '../../../app/queryState';

export type ApiToken = ApiTokenFieldsFragment;

export function useApiTokens() {
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument);
  return {
    tokens: data?.apiTokens ?? [],
    ...queryState({ data, loading, error, refetch }),
  };
}

/** Resolves with the token itself: the only time the API ever returns it. */
export function useCreateApiToken() {
  const [mutate] = useMutation(CreateApiTokenDocument, {
    update(cache, { data }) {
      const created = data?.createApiToken.apiToken;
      if (!created) return;
      cache.updateQuery({ query: ApiTokensDocument }, (existing) =>
        existing ? { apiTokens: [created, ...existing.apiTokens.filter((t) => t.id !== created.id)] } : existing,
      );
    },
  });
  const create = async (name: string): Promise<{ token: string; apiToken: ApiToken }> => {
    const { data } = await mutate({ variables: { name } });
    if (!data) throw new Error('The token was not created.');
    return data.createApiToken;
  };
  return { create };
}

export function useRevokeApiToken() {
  const [mutate] = useMutation(RevokeApiTokenDocument);
  const revoke = async (id: string) => {
    await mutate({ variables: { id } });
  };
  return { revoke };
}
