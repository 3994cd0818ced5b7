// Monaco runs its language services in web workers; this module tells Vite to bundle them locally.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createPlaygroundFetcher } from './fetcher';

const fetcher = createPlaygroundFetcher();

const INITIAL_QUERY = `# Welcome to the Mobius API playground.
# Queries run against your own account. Press Ctrl+Enter (Cmd+Enter on a Mac) to run one.

query Me {
  me {
    id
    email
    name
    companyName
  }
}
`;

// Comments are allowed here: GraphiQL reads the headers editor as JSON with comments.
const INITIAL_HEADERS = `{
  // Your session is sent automatically. To act as a script or a partner tool
  // instead, uncomment the next line and paste a token:
  // "Authorization": "Bearer <token>"
}
`;

/** Loaded lazily: Monaco and GraphiQL stay out of the dashboard's main bundle. */
export default function GraphiQLPlayground() {
  return (
    <GraphiQL
      fetcher={fetcher}
      initialQuery={INITIAL_QUERY}
      defaultQuery={INITIAL_QUERY}
      initialHeaders={INITIAL_HEADERS}
      defaultHeaders={INITIAL_HEADERS}
      shouldPersistHeaders={false}
      defaultEditorToolsVisibility="headers"
      forcedTheme="light"
    />
  );
}
