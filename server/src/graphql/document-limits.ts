import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';

/**
 * The size limits of a GraphQL document (docs/request-hardening.md). A document over them is refused with HTTP 400
 * before any resolver runs.
 */
export const DOCUMENT_LIMITS = {
  /** Tokens of the document; graphql-js stops the parse there (Apollo's own parseOptions answer 400). */
  maxTokens: 1000,
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 5000,
  maxDirectives: 50,
} as const;

/** Apollo's parse options: graphql-js aborts a document past maxTokens with a syntax error (GRAPHQL_PARSE_FAILED). */
export const parseOptions: ParseOptions = { maxTokens: DOCUMENT_LIMITS.maxTokens };

/**
 * graphql-armor's depth, alias, cost and directive limits and hidden field suggestions. Its token limit stays off: it
 * rethrows every syntax error, which Apollo then answers with HTTP 500 (Apollo's parseOptions.maxTokens does it).
 */
export function armorProtection() {
  return new ApolloArmor({
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    costLimit: { maxCost: DOCUMENT_LIMITS.maxCost },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
