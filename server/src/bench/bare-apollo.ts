import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

/**
 * The benchmark's anchor (docs/performance.md §1): Apollo Server 5 on Express 5 with nothing of Mobius, answering
 * `{ __typename }`. Run as its own process, like the server, so both get the same core and the same load generator.
 */
async function main(): Promise<void> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare apollo ready'));
  process.on('SIGTERM', () => {
    server.close();
    void apollo.stop();
  });
}

void main();
