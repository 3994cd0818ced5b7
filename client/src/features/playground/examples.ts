import { TOKEN_PLACEHOLDER } from './fetcher';

/** The playground's first query: the API tokens section's example (ApiTokenUsage), laid out to read. */
export const PLAYGROUND_QUERY = `# Paste your API token in the Headers pane below,
# then run this query with ▶ (or Ctrl+Enter).
# Does every connection still work, and until when?
query ConnectionStatus {
  connectionStatus {
    connectWise {
      state
      message
      checkedAt
    }
    quickBooks {
      name
      companyName
      connectionStatus {
        state
        message
        checkedAt
        reconnectBy
      }
    }
  }
}
`;

// Comments are allowed here: GraphiQL reads the headers editor as JSON with comments.
export const PLAYGROUND_HEADERS = `{
  // Replace the placeholder with a token from Account settings › API tokens.
  // Signed in to the dashboard? While the placeholder is here, your session is used.
  "Authorization": "Bearer ${TOKEN_PLACEHOLDER}"
}
`;
