import type { ExecutionResult } from 'graphql';

/** What the headers pane starts with in place of a token; while it is there, no Authorization header is sent. */
export const TOKEN_PLACEHOLDER = '<paste your API token>';

/** GraphiQL's request: the same same-origin JSON POST the dashboard makes, plus the headers editor's. */
export interface PlaygroundRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** The headers pane's headers as strings; the Authorization placeholder is dropped, so a session cookie speaks. */
export function requestHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const extra: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    const text = String(value);
    if (name.toLowerCase() === 'authorization' && text.includes(TOKEN_PLACEHOLDER)) continue;
    extra[name] = text;
  }
  return extra;
}

export function createPlaygroundFetcher(url = '/graphql') {
  return async (
    params: PlaygroundRequest,
    options?: { headers?: Record<string, unknown> },
  ): Promise<ExecutionResult> => {
    const response = await fetch(url, {
      method: 'POST',
      // Without an Authorization header the session cookie speaks; with one, the pasted token does.
      credentials: 'same-origin',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        ...requestHeaders(options?.headers),
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
