import { parse, print } from 'graphql';
import { EXAMPLE_QUERY } from '../api-tokens/components/ApiTokenUsage';
import { PLAYGROUND_HEADERS, PLAYGROUND_QUERY } from './examples';
import { requestHeaders, TOKEN_PLACEHOLDER } from './fetcher';

/** The headers pane's text as GraphiQL reads it: JSON with comments. */
const headersOf = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;

describe('the playground', () => {
  it('starts with the API tokens section’s example query', () => {
    const fields = (query: string) => print(parse(query)).replace(/^query \w+ /, '');
    expect(fields(PLAYGROUND_QUERY)).toBe(fields(EXAMPLE_QUERY));
  });

  it('starts with an Authorization header waiting for a token', () => {
    expect(headersOf(PLAYGROUND_HEADERS)).toEqual({ Authorization: `Bearer ${TOKEN_PLACEHOLDER}` });
  });

  it('sends no Authorization header while the placeholder is there, so a session cookie speaks', () => {
    expect(requestHeaders(headersOf(PLAYGROUND_HEADERS))).toEqual({});
    expect(requestHeaders({ authorization: `Bearer ${TOKEN_PLACEHOLDER}`, 'x-trace': 1 })).toEqual({ 'x-trace': '1' });
  });

  it('sends a pasted token as it is', () => {
    expect(requestHeaders({ Authorization: 'Bearer mob_abc', 'X-Empty': null })).toEqual({
      Authorization: 'Bearer mob_abc',
    });
  });
});
