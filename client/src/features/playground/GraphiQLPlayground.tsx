import './monacoWorkers';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createPlaygroundFetcher } from './fetcher';

const fetcher = createPlaygroundFetcher();

const INITIAL_QUERY = `# Mobius API playground: queries run against your own account.
# Run with Ctrl+Enter (Cmd+Enter on a Mac).

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
  // Your session is sent automatically.
  // To use an API token instead, uncomment:
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
