import type { ApolloLink, OperationVariables, TypedDocumentNode } from '@apollo/client';
import type { MockLink } from '@apollo/client/testing';

/**
 * An API answer as the server sends it: the operation's generated type (`npm run codegen`), with the
 * `__typename` the cache keys objects by. A fixture that no longer matches the schema fails `npm run typecheck`.
 */
export type Answer<T> =
  T extends ReadonlyArray<infer Item>
    ? Answer<Item>[]
    : T extends object
      ? { [K in keyof T]: Answer<T[K]> } & { __typename?: string }
      : T;

/** What a mocked operation answers: its typed data, or errors (see `graphQLError`). */
export type Result<T> = ApolloLink.Result<Answer<T>>;

/**
 * A mocked response whose request names a generated document: the document alone sets the types, which its
 * variables and answer must then match.
 */
export type TypedMock<TData, TVariables extends OperationVariables> = Omit<
  MockLink.MockedResponse<Answer<NoInfer<TData>>, NoInfer<TVariables>>,
  'request'
> & {
  request: {
    query: TypedDocumentNode<TData, TVariables>;
    variables?: NoInfer<TVariables> | ((variables: NoInfer<TVariables>) => boolean);
  };
};

/** Checks a mock against its operation's generated types; returns it unchanged. */
export function mocked<TData, TVariables extends OperationVariables>(
  mock: TypedMock<TData, TVariables>,
): TypedMock<TData, TVariables> {
  return mock;
}
