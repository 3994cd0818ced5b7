import { CombinedGraphQLErrors, ServerError, ServerParseError } from '@apollo/client/errors';

/** One problem the API reported, in the shape the dashboard shows it. */
export interface ApiProblem {
  code: string;
  message: string;
  /** The argument a person should fix (BAD_USER_INPUT only). */
  field?: string;
}

export const NETWORK_MESSAGE = 'We could not reach Mobius. Check your connection and try again.';
export const UNEXPECTED_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

/** Turns whatever Apollo threw into problems a form can place next to fields or above them. */
export function toApiProblems(error: unknown): ApiProblem[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map(toProblem);
  if (ServerError.is(error) || ServerParseError.is(error)) {
    // A non-2xx answer sent as plain JSON (e.g. 413, 429) may still carry GraphQL errors.
    const fromBody = errorsInBody(error.bodyText);
    if (fromBody.length > 0) return fromBody;
    const status = error.statusCode;
    if (status === 429)
      return [{ code: 'RATE_LIMITED', message: 'Too many requests. Please wait a minute and try again.' }];
    return [{ code: 'INTERNAL_SERVER_ERROR', message: status >= 500 ? UNEXPECTED_MESSAGE : NETWORK_MESSAGE }];
  }
  return [{ code: 'NETWORK_ERROR', message: NETWORK_MESSAGE }];
}

interface FormattedError {
  message?: unknown;
  extensions?: Record<string, unknown>;
}

function toProblem(e: FormattedError): ApiProblem {
  const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR';
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : UNEXPECTED_MESSAGE;
  return { code, message, field };
}

function errorsInBody(bodyText: string): ApiProblem[] {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
      return (body.errors as FormattedError[]).map(toProblem);
    }
  } catch {
    // Not JSON (a proxy's HTML error page): fall through to a generic message.
  }
  return [];
}

export function hasCode(error: unknown, code: string): boolean {
  return toApiProblems(error).some((p) => p.code === code);
}

/**
 * Splits problems into those that belong next to one of `fields` and those for a form-level alert.
 * The first message per field wins; form-level messages are de-duplicated.
 */
export function splitProblems<F extends string>(
  problems: ApiProblem[],
  fields: readonly F[],
): { fieldErrors: Partial<Record<F, string>>; formErrors: string[] } {
  const fieldErrors: Partial<Record<F, string>> = {};
  const formErrors: string[] = [];
  for (const problem of problems) {
    const field = fields.find((f) => f === problem.field);
    if (problem.code === 'BAD_USER_INPUT' && field) {
      fieldErrors[field] ??= problem.message;
    } else if (!formErrors.includes(problem.message)) {
      formErrors.push(problem.message);
    }
  }
  return { fieldErrors, formErrors };
}
