import './monacoWorkers';
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { PLAYGROUND_HEADERS, PLAYGROUND_QUERY } from './examples';
import { createPlaygroundFetcher } from './fetcher';

const fetcher = createPlaygroundFetcher();

/** Loaded lazily: Monaco and GraphiQL stay out of the dashboard's main bundle. */
export default function GraphiQLPlayground() {
  return (
    <GraphiQL
      className="mobius-playground"
      fetcher={fetcher}
      initialQuery={PLAYGROUND_QUERY}
      defaultQuery={PLAYGROUND_QUERY}
      initialHeaders={PLAYGROUND_HEADERS}
      defaultHeaders={PLAYGROUND_HEADERS}
      shouldPersistHeaders={false}
      defaultEditorToolsVisibility="headers"
      forcedTheme="light"
    />
  );
}
