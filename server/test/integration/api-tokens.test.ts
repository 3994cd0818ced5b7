import { readFileSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import {
  getNamedType,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLEnumType,
  isListType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { createSchema, ResolverContainer } from '../../src/graphql/schema';
import { testDialects } from '../support/databases';
import { perTestClock } from '../support/test-clock';
import { useTestServer } from '../support/use-test-server';
import { firstError, getConfiguration, QB, signIn, type QbConfig, type Session } from '../support/quickbooks';
import { gql, MUTATIONS, testSecrets, type GraphQLResponse, sessionCookie } from '../support/test-server';

const CREATE = `mutation($name: String!) {
  createApiToken(name: $name) { token apiToken { id name createdAt lastUsedAt revokedAt tokenHint } }
}`;
const LIST = '{ apiTokens { id name createdAt lastUsedAt revokedAt tokenHint } }';
const REVOKE = 'mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';

interface Created {
  token: string;
  apiToken: { id: string; name: string; lastUsedAt: string | null; revokedAt: string | null; tokenHint: string };
}

/** A syntactically valid value for an argument of this type (content does not matter: it must be refused first). */
function sampleValue(type: GraphQLInputType): unknown {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  if (isListType(inner)) return [sampleValue(inner.ofType)];
  const named = getNamedType(inner);
  if (named instanceof GraphQLInputObjectType) {
    return Object.fromEntries(Object.values(named.getFields()).map((f) => [f.name, sampleValue(f.type)]));
  }
  if (named instanceof GraphQLEnumType) return named.getValues()[0]?.value;
  if (named instanceof GraphQLScalarType) {
    if (named.name === 'Boolean') return false;
    if (named.name === 'Int' || named.name === 'Float') return 1;
    if (named.name === 'ID') return '00000000-0000-4000-8000-000000000000';
  }
  return 'Sample value 1';
}

function mutationDocuments(
  schema: GraphQLSchema,
): Array<{ name: string; query: string; variables: Record<string, unknown> }> {
  const fields = Object.values((schema.getMutationType() as GraphQLObjectType).getFields());
  return fields.map((field) => {
    const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
    const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const selection = getNamedType(field.type) instanceof GraphQLObjectType ? ' { __typename }' : '';
    return {
      name: field.name,
      query: `mutation${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`,
      variables: Object.fromEntries(field.args.map((a) => [a.name, sampleValue(a.type)])),
    };
  });
}

describe.each(testDialects)('API tokens on %s', (dialect) => {
  const clock = perTestClock(new Date('2026-02-02T10:00:00.000Z'));
  const server = useTestServer(dialect, { clock });
  let owner: Session;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    schema = await createSchema(new ResolverContainer());
    owner = await signIn(server, 'partner.owner@acme-msp.test');
  });

  const create = async (session: Session, name = 'Uptime monitor'): Promise<Created> => {
    const res = await gql<{ createApiToken: Created }>(server.url, CREATE, { name }, { token: session.token });
    if (!res.body.data) throw new Error(res.raw);
    return res.body.data.createApiToken;
  };

  it('shows a new token once, and stores only its hash', async () => {
    const created = await create(owner, '  Uptime monitor  ');
    expect(created.token).toMatch(/^mob_[A-Za-z0-9_-]{43}$/);
    expect(created.apiToken).toMatchObject({
      name: 'Uptime monitor',
      lastUsedAt: null,
      revokedAt: null,
      tokenHint: `mob_…${created.token.slice(-4)}`,
    });
    const list = await gql(server.url, LIST, {}, { token: owner.token });
    expect(list.raw).toContain(created.apiToken.id);
    expect(list.raw).not.toContain(created.token);
    const dump = JSON.stringify(await server.db.dataSource.query('SELECT * FROM api_tokens'));
    const secret = created.token;
    for (const form of [
      secret,
      secret.slice(4),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('hex'),
    ]) {
      expect(dump).not.toContain(form);
    }
    expect(server.logs.join('')).not.toContain(secret);
  });

  it('reads configuration and connection status with `Authorization: Bearer`', async () => {
    const { token } = await create(owner, 'Dashboard TV');
    const status = await gql<{ connectionStatus: { connectWise: { state: string }; quickBooks: QbConfig[] } }>(
      server.url,
      QB.status,
      {},
      { token },
    );
    expect(status.body.errors).toBeUndefined();
    expect(status.body.data?.connectionStatus.connectWise.state).toBe('NOT_CONNECTED');
    const [config] = status.body.data?.connectionStatus.quickBooks ?? [];
    expect(config).toMatchObject({ name: 'Default', connectionStatus: { state: 'NOT_CONNECTED' } });
    expect(await getConfiguration(server, { token, accountId: '', cookie: '' }, config?.id)).toMatchObject({
      name: 'Default',
    });
    const me = await gql<{ me: { email: string } }>(server.url, MUTATIONS.me, {}, { token });
    expect(me.body.data?.me.email).toBe('partner.owner@acme-msp.test');
  });

  it('refuses every mutation, public ones included, with FORBIDDEN, and changes nothing', async () => {
    const { token } = await create(owner, 'Read only');
    const tokenCount = async () =>
      (await gql<{ apiTokens: unknown[] }>(server.url, LIST, {}, { token: owner.token })).body.data?.apiTokens.length;
    const tokensBefore = await tokenCount();
    expect(tokensBefore).toBeGreaterThanOrEqual(1);
    const documents = mutationDocuments(schema);
    expect(documents.map((d) => d.name)).toEqual(
      expect.arrayContaining(['createApiToken', 'revokeApiToken', 'addQuickBooksCompany', 'logout', 'login', 'signup']),
    );
    for (const { name, query, variables } of documents) {
      const res = await gql(server.url, query, variables, { token });
      expect({ name, code: firstError(res).code }).toEqual({ name, code: 'FORBIDDEN' });
      expect(res.body.data ?? null).toBeNull();
    }
    // logout with the API token did not end the owner's session; no token was minted.
    expect((await gql(server.url, MUTATIONS.me, {}, { token: owner.token })).body.data).toMatchObject({
      me: { email: 'partner.owner@acme-msp.test' },
    });
    expect(await tokenCount()).toBe(tokensBefore);
  });

  it('answers the README example (the dashboard shows the same one) with the state of every connection', async () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const example = /Bearer \$MOBIUS_API_TOKEN" \\\n[^\n]*\n {2}-d '(\{.*\})'\n/.exec(readme)?.[1];
    const { query } = JSON.parse(example ?? 'null') as { query: string };
    const { token } = await create(owner, 'README example');
    const res = await gql<{ connectionStatus: { connectWise: object; quickBooks: object[] } }>(
      server.url,
      query,
      {},
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.connectionStatus.connectWise).toEqual({
      state: 'NOT_CONNECTED',
      message: expect.any(String),
      checkedAt: null,
    });
    expect(res.body.data?.connectionStatus.quickBooks).toEqual([
      {
        name: 'Default',
        companyName: null,
        connectionStatus: { state: 'NOT_CONNECTED', message: expect.any(String), checkedAt: null, reconnectBy: null },
      },
    ]);
  });

  it('cannot list or manage API tokens', async () => {
    const { token } = await create(owner, 'Cannot list');
    const res = await gql(server.url, LIST, {}, { token });
    expect(firstError(res).code).toBe('FORBIDDEN');
    expect(res.raw).not.toContain('mob_');
  });

  it('stops working once revoked (UNAUTHENTICATED); revoking is idempotent and scoped', async () => {
    const { token, apiToken } = await create(owner, 'To revoke');
    expect((await gql(server.url, QB.status, {}, { token })).body.errors).toBeUndefined();
    const revoked = await gql<{ revokeApiToken: { id: string; revokedAt: string } }>(
      server.url,
      REVOKE,
      { id: apiToken.id },
      { token: owner.token },
    );
    expect(revoked.body.data?.revokeApiToken).toEqual({ id: apiToken.id, revokedAt: clock.now().toISOString() });
    expect(firstError(await gql(server.url, QB.status, {}, { token })).code).toBe('UNAUTHENTICATED');
    const again = await gql(server.url, REVOKE, { id: apiToken.id }, { token: owner.token });
    expect(again.body.data).toEqual(revoked.body.data);

    const stranger = await signIn(server, 'partner.stranger@evil.test');
    const foreign = await gql(server.url, REVOKE, { id: apiToken.id }, { token: stranger.token });
    expect(firstError(foreign).code).toBe('NOT_FOUND');
  });

  it('answers only about its own account', async () => {
    const other = await signIn(server, 'partner.other@acme-msp.test');
    const { token } = await create(other, 'Other account');
    const ownerStatus = await gql<{ connectionStatus: { quickBooks: QbConfig[] } }>(server.url, QB.status, {}, owner);
    const ownerConfigId = ownerStatus.body.data?.connectionStatus.quickBooks[0]?.id as string;
    const res = await gql(server.url, QB.one, { id: ownerConfigId }, { token });
    expect(res.body.data).toEqual({ quickBooksConfiguration: null });
  });

  it('records lastUsedAt at most once a minute', async () => {
    const { token, apiToken } = await create(owner, 'Poller');
    const lastUsed = async () =>
      (
        (await gql<{ apiTokens: Array<{ id: string; lastUsedAt: string | null }> }>(server.url, LIST, {}, owner)).body
          .data?.apiTokens ?? []
      ).find((t) => t.id === apiToken.id)?.lastUsedAt;
    await gql(server.url, QB.status, {}, { token });
    const first = await lastUsed();
    expect(first).toBe(clock.now().toISOString());
    clock.advance(30_000);
    await gql(server.url, QB.status, {}, { token });
    expect(await lastUsed()).toBe(first);
    clock.advance(31_000);
    await gql(server.url, QB.status, {}, { token });
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  it.each([
    ['an unknown token', `mob_${'A'.repeat(43)}`],
    ['a truncated token', 'mob_abc'],
    ['the prefix alone', 'mob_'],
  ])('refuses %s with UNAUTHENTICATED', async (_label, token) => {
    expect(firstError(await gql(server.url, QB.status, {}, { token })).code).toBe('UNAUTHENTICATED');
  });

  describe('a refused credential answers HTTP 401 (docs/security.md)', () => {
    /** The one answer every wrong, expired or revoked `Authorization` gets, whatever the operation. */
    const expectRefused = (res: GraphQLResponse) => {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(res.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      expect(res.body).toEqual({
        errors: [{ message: 'Invalid or revoked API token.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    };
    /** The owner's session token, re-signed with the server's key to have expired a minute ago. */
    const expiredSession = () => {
      const claims = jwt.decode(owner.token) as jwt.JwtPayload;
      const now = Math.floor(clock.now().getTime() / 1000);
      return jwt.sign(
        { typ: claims.typ, ver: claims.ver, iat: now - 3600, exp: now - 60 },
        Buffer.from(testSecrets.jwt, 'base64'),
        { algorithm: 'HS256', issuer: claims.iss, audience: claims.aud, subject: claims.sub },
      );
    };

    it.each([
      ['an unknown API token', () => `mob_${'A'.repeat(43)}`],
      ['a malformed API token', () => 'mob_abc'],
      ['the prefix alone', () => 'mob_'],
      ['a garbled session token', () => 'not.a.jwt'],
      ['an expired session token', expiredSession],
    ])('refuses %s with 401, WWW-Authenticate and one UNAUTHENTICATED error', async (_label, token) => {
      expectRefused(await gql(server.url, QB.status, {}, { token: token() }));
      // The same for a public operation: the credential is refused before anything runs.
      expectRefused(await gql(server.url, MUTATIONS.me, {}, { token: token() }));
    });

    it('refuses a revoked API token and a logged-out session token with 401', async () => {
      const { token, apiToken } = await create(owner, 'Revoked for 401');
      expect((await gql(server.url, QB.status, {}, { token })).status).toBe(200);
      await gql(server.url, REVOKE, { id: apiToken.id }, { token: owner.token });
      expectRefused(await gql(server.url, QB.status, {}, { token }));

      const leaver = await signIn(server, 'partner.leaver@acme-msp.test');
      expect((await gql(server.url, MUTATIONS.logout, {}, { token: leaver.token })).body).toEqual({
        data: { logout: true },
      });
      expectRefused(await gql(server.url, MUTATIONS.me, {}, { token: leaver.token }));
    });

    it('refuses a header that is not a bearer credential of ours with 401', async () => {
      for (const authorization of ['Bearer', 'Bearer null', `bearer ${owner.token}`, `Basic ${owner.token}`]) {
        expectRefused(await gql(server.url, MUTATIONS.me, {}, { headers: { authorization } }));
      }
    });

    it('leaves a request without Authorization as it was: public operations answer, the rest ask to log in', async () => {
      const me = await gql(server.url, MUTATIONS.me);
      expect({ status: me.status, body: me.body }).toEqual({ status: 200, body: { data: { me: null } } });
      expect(me.headers.get('www-authenticate')).toBeNull();
      const status = await gql(server.url, QB.status);
      expect(status.status).toBe(200);
      expect(firstError(status)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Please log in to continue.' });
      // An empty header is no credential either.
      const empty = await gql(server.url, MUTATIONS.me, {}, { headers: { authorization: '' } });
      expect({ status: empty.status, body: empty.body }).toEqual({ status: 200, body: { data: { me: null } } });
    });

    it('keeps a stale dashboard session cookie as it was: 200 and no one signed in (the login page)', async () => {
      const res = await gql(server.url, MUTATIONS.me, {}, { cookie: sessionCookie(expiredSession()) });
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { data: { me: null } } });
      expect(res.headers.get('www-authenticate')).toBeNull();
      const live = await gql(server.url, MUTATIONS.me, {}, { cookie: owner.cookie });
      expect(live.body.data).toMatchObject({ me: { email: 'partner.owner@acme-msp.test' } });
    });

    it('still works with the live credentials', async () => {
      const { token } = await create(owner, 'Live');
      expect((await gql(server.url, QB.status, {}, { token })).status).toBe(200);
      expect((await gql(server.url, MUTATIONS.me, {}, { token: owner.token })).body.data).toMatchObject({
        me: { email: 'partner.owner@acme-msp.test' },
      });
    });
  });

  it('validates the name like any other name (BAD_USER_INPUT on name)', async () => {
    for (const name of ['', '   ', 'x'.repeat(51), 'line\nbreak']) {
      const res = await gql(server.url, CREATE, { name }, { token: owner.token });
      expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    }
  });

  it('requires a signed-in session to create one', async () => {
    expect(firstError(await gql(server.url, CREATE, { name: 'Anonymous' })).code).toBe('UNAUTHENTICATED');
  });
});
