import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../lib/errors';

/**
 * Refuses a request whose variables hold a string that is not well-formed UTF-16 (a lone surrogate such as
 * "\ud800", which JSON allows): no resolver, database or hash ever sees one. A lone surrogate written into the
 * document itself is a syntax error already. docs/request-hardening.md.
 */

/** In unicode mode a paired surrogate is one code point, so only a lone one is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The first string in `value` that is not well-formed, with the path to it; iterative, so deep nesting is safe. */
export function findIllFormedString(value: unknown): Array<string | number> | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: Array<string | number> };
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

/** The field a person would fix: the innermost named key ("publicKey" of $input.publicKey, "email" of $email). */
function fieldOf(path: Array<string | number>): string {
  const named = path.filter((part): part is string => typeof part === 'string');
  return named[named.length - 1] ?? 'input';
}

export function wellFormedVariablesPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ request }) => {
        const path = findIllFormedString(request.variables ?? {});
        if (!path) return;
        const field = fieldOf(path);
        throw new GraphQLError(`${field} contains an invalid character (a lone UTF-16 surrogate).`, {
          extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } },
        });
      },
    }),
  };
}
