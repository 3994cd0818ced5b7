interface QueryResultLike<TError> {
  data: unknown;
  loading: boolean;
  error?: TError;
  refetch: () => Promise<unknown>;
}

/**
 * How a hook hands a query to its page: `loading` only while there is nothing to show yet, `error` only when there is
 * nothing to show instead (a failed refresh keeps the data on screen), and `refetch` for a Retry button, whose failure
 * shows through `error` rather than as an unhandled rejection.
 */
export function queryState<TError>({ data, loading, error, refetch }: QueryResultLike<TError>) {
  return {
    loading: loading && !data,
    error: data ? undefined : error,
    refetch: () => void refetch().catch(() => undefined),
  };
}
