import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { NETWORK_MESSAGE, splitProblems, toApiProblems } from './errors';

function graphQLErrors(errors: { message: string; extensions?: Record<string, unknown> }[]) {
  return new CombinedGraphQLErrors({ data: null, errors });
}

describe('toApiProblems', () => {
  it('reads code and field from GraphQL error extensions', () => {
    const error = graphQLErrors([
      { message: 'Use at least 10 characters.', extensions: { code: 'BAD_USER_INPUT', field: 'password' } },
    ]);
    expect(toApiProblems(error)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'password', message: 'Use at least 10 characters.' },
    ]);
  });

  it('reads GraphQL errors out of a non-2xx JSON body', () => {
    const body = JSON.stringify({
      errors: [{ message: 'Too many attempts. Please try again in 12 minutes.', extensions: { code: 'RATE_LIMITED' } }],
    });
    const error = new ServerError('Response not successful', {
      response: { status: 429 } as Response,
      bodyText: body,
    });
    expect(toApiProblems(error)[0]).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/12 minutes/),
    });
  });

  it('turns a failed fetch into a network message', () => {
    expect(toApiProblems(new TypeError('Failed to fetch'))).toEqual([
      { code: 'NETWORK_ERROR', message: NETWORK_MESSAGE },
    ]);
  });
});

describe('splitProblems', () => {
  it('puts field errors next to known fields and the rest at form level', () => {
    const result = splitProblems(
      [
        { code: 'BAD_USER_INPUT', field: 'passwordConfirmation', message: 'Passwords do not match' },
        { code: 'BAD_USER_INPUT', field: 'somethingElse', message: 'Odd input.' },
        { code: 'RATE_LIMITED', message: 'Too many attempts.' },
      ],
      ['password', 'passwordConfirmation'] as const,
    );
    expect(result.fieldErrors).toEqual({ passwordConfirmation: 'Passwords do not match' });
    expect(result.formErrors).toEqual(['Odd input.', 'Too many attempts.']);
  });
});
