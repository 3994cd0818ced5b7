import { errorOf, freshIp, gql, MUTATIONS } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** What a malformed or hostile GraphQL document gets back, through the real HTTP stack (docs/request-hardening.md). */
describe('GraphQL documents', () => {
  const server = useTestServer('sqlite');

  const post = (body: string) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it.each([
    ['an unclosed selection', '{me{'],
    ['a stray brace', '}'],
    ['an unterminated string', '{ me(x: "abc) { id } }'],
    ['an empty document', ' '],
  ])('answers %s with 400 and the syntax error', async (_what, query) => {
    const res = await post(JSON.stringify({ query }));
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0]?.message).toMatch(/^Syntax Error/);
  });

  it('refuses a document of more than 1000 tokens with 400, before running anything', async () => {
    const fields = Array.from({ length: 1001 }, () => 'id').join(' ');
    const res = await post(JSON.stringify({ query: `{ me { ${fields} } }` }));
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors[0]?.message).toMatch(/1000 tokens/);
  });

  it('parses a document of exactly 1000 tokens', async () => {
    // "{ me { … } }" is 5 tokens around the 995 fields; graphql-armor's other limits may still refuse it.
    const fields = Array.from({ length: 995 }, () => 'id').join(' ');
    const res = await post(JSON.stringify({ query: `{ me { ${fields} } }` }));
    const body = (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(body.errors?.[0]?.extensions.code).not.toBe('GRAPHQL_PARSE_FAILED');
  });

  it.each([
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', 'user\udc00@acme-msp.test'],
  ])('answers %s in a string variable with BAD_USER_INPUT naming the field', async (_what, email) => {
    const res = await gql(server.url, MUTATIONS.login, { email, password: 'Wrong password 1' }, { ip: freshIp() });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
      message: 'email contains an invalid character (a lone UTF-16 surrogate).',
    });
  });

  it('names the field of a nested input object', async () => {
    const res = await gql(server.url, 'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { id } }', {
      input: { site: 'na.myconnectwise.net', companyId: 'acme', publicKey: 'pub\ud83d', privateKey: 'x' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publicKey' });
  });

  it('refuses a lone surrogate written into the document itself as a syntax error', async () => {
    const res = await post(JSON.stringify({ query: 'mutation { requestPasswordReset(email: "\\ud800") }' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe(
      'GRAPHQL_PARSE_FAILED',
    );
  });

  it('still accepts a surrogate pair (an emoji) in a string variable', async () => {
    const res = await gql(
      server.url,
      MUTATIONS.signup,
      { email: 'emoji@acme-msp.test', name: 'Ann 😀' },
      { ip: freshIp() },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses a document nested deeper than 6 levels with 400', async () => {
    const nested = (levels: string[]) => levels.reduceRight((inner, name) => `${name} { ${inner} }`, 'id');
    const messages = async (query: string) => {
      const res = await post(JSON.stringify({ query }));
      const body = (await res.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
      return { status: res.status, messages: (body.errors ?? []).map((e) => e.message) };
    };
    const seven = await messages(`{ ${nested(['a', 'b', 'c', 'd', 'e', 'f'])} }`);
    expect(seven.status).toBe(400);
    expect(seven.messages).toContainEqual(expect.stringMatching(/depth limit of 6 exceeded, found 7/));
    const six = await messages(`{ ${nested(['a', 'b', 'c', 'd', 'e'])} }`);
    expect(six.messages.some((m) => /depth limit/.test(m))).toBe(false);
  });

  it('refuses more than 50 directives with 400', async () => {
    const directives = (n: number) => `{ me { ${Array.from({ length: n }, () => 'id @skip(if: false)').join(' ')} } }`;
    const fifty = await post(JSON.stringify({ query: directives(50) }));
    expect(fifty.status).toBe(200);
    const fiftyOne = await post(JSON.stringify({ query: directives(51) }));
    expect(fiftyOne.status).toBe(400);
    expect(await fiftyOne.text()).toMatch(/Directives limit of 50 exceeded, found 51/);
  });

  it('refuses fragments that multiply into millions of selections by their cost, before running anything', async () => {
    // Each level spreads the one below ten times: 10^7 selections of `me` from a document of a few hundred tokens.
    const levels = Array.from({ length: 7 }, (_, i) => {
      const below = i === 0 ? 'me { id }' : Array.from({ length: 10 }, () => `...F${i - 1}`).join(' ');
      return `fragment F${i} on Query { ${below} }`;
    });
    const res = await post(JSON.stringify({ query: `{ ...F6 } ${levels.join(' ')}` }));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Cost limit of 5000 exceeded/);
  });
});
