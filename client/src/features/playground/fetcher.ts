import type { ExecutionResult } from 'graphql';

/** GraphiQL's request: the same same-origin JSON POST the dashboard makes, plus the headers editor's. */
export interface PlaygroundRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export function createPlaygroundFetcher(url = '/graphql') {
  return async (
    params: PlaygroundRequest,
    options?: { headers?: Record<string, unknown> },
  ): Promise<ExecutionResult> => {
    const extra: Record<string, string> = {};
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      if (value !== undefined && value !== null) extra[name] = String(value);
    }
    const response = await fetch(url, {
      method: 'POST',
      // Without an Authorization header the session cookie speaks; with one, the pasted token does.
      credentials: 'same-origin',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        ...extra,
        'content-type': 'application/json',
      },
      body: JSON.stringify(params),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as ExecutionResult;
    } catch {
      return {
        errors: [{ message: `The API answered ${response.status} ${response.statusText} without JSON.` }],
      } as unknown as ExecutionResult;
    }
  };
}
