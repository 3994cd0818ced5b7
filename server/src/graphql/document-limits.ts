import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  OperationTypeNode,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * The size limits of a GraphQL document (docs/request-hardening.md). A document over them is refused with HTTP 400
 * before any resolver runs.
 */
export const DOCUMENT_LIMITS = {
  /** Tokens of the document; graphql-js stops the parse there (Apollo's own parseOptions answer 400). */
  maxTokens: 1000,
  maxDepth: 6,
  maxAliases: 15,
  /**
   * Fields a mutation runs, aliased or not: each is a separate call (a login, a live check), so they count against the
   * same 15 as aliases.
   */
  maxMutationFields: 15,
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

/** The response keys a selection set runs at its own level, through fragments and inline fragments. */
function rootResponseKeys(
  selections: SelectionSetNode,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  keys: Set<string>,
  seen: Set<string>,
): Set<string> {
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootResponseKeys(selection.selectionSet, fragments, keys, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments(selection.name.value);
      if (fragment) rootResponseKeys(fragment.selectionSet, fragments, keys, seen);
    }
  }
  return keys;
}

/** Refuses a mutation that runs more than maxMutationFields fields (fields with one response key run once). */
export function maxMutationFieldsRule(context: ValidationContext): ASTVisitor {
  const limit = DOCUMENT_LIMITS.maxMutationFields;
  return {
    OperationDefinition(node) {
      if (node.operation !== OperationTypeNode.MUTATION) return;
      const keys = rootResponseKeys(node.selectionSet, (name) => context.getFragment(name), new Set(), new Set());
      if (keys.size > limit) {
        context.reportError(
          new GraphQLError(`A mutation may run at most ${limit} fields; this one runs ${keys.size}.`, {
            nodes: [node],
          }),
        );
      }
    },
  };
}
