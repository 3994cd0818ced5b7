import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { PUBLIC_OPERATIONS } from '../../src/graphql/auth-checker';
import { createSchema, ResolverContainer } from '../../src/graphql/schema';
import { errorOf, freshIp, gql, MUTATIONS, PRODUCTION_ENV, startTestServer } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** Transport- and document-level protections, through the real Express + Apollo stack. */
describe('the HTTP and GraphQL surface', () => {
  const server = useTestServer('sqlite');

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers, body });

  it('answers /healthz once ready', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('sets security headers and never caches API answers', async () => {
    const res = await gql(server.url, MUTATIONS.me);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses TRACE', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'TRACE' }).catch(() => null);
    // undici refuses to send TRACE itself; a raw socket proves the server answers 405.
    if (res) expect(res.status).toBe(405);
    const net = await import('node:net');
    const status = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1', () => {
        socket.write('TRACE /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    expect(status).toBe('HTTP/1.1 405 Method Not Allowed');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])(
    'blocks a simple %s request (CSRF) without running it',
    async (contentType) => {
      const email = `csrf-${contentType.replace(/\W/g, '')}@acme-msp.test`;
      const res = await post(JSON.stringify({ query: MUTATIONS.signup, variables: { email } }), {
        'content-type': contentType,
      });
      expect(res.status).toBe(400);
      await server.settle();
      expect(server.mail.messages().some((m) => m.to[0]?.email === email)).toBe(false);
    },
  );

  it('never runs a mutation over GET', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('mutation { logout }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(405);
  });

  it('refuses a batch of operations', async () => {
    const res = await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/batching/i);
  });

  it('refuses a body over 100 KB with 413 and no stack trace', async () => {
    const res = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(text).toContain('The request body is too large (limit 100 KB).');
    expect(text).not.toMatch(/at .*\.js|node_modules/);
  });

  it('answers malformed JSON with a clean 400', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.js|node_modules|SyntaxError/);
  });

  it('refuses more than 15 aliases before running any resolver', async () => {
    const aliases = Array.from(
      { length: 16 },
      (_v, i) => `a${i}: login(email: "x${i}@acme-msp.test", password: "Wrong password 1")`,
    ).join(' ');
    const res = await gql(server.url, `mutation { ${aliases} { token } }`, {}, { ip: freshIp() });
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
    const [row] = await server.db.dataSource.query<Array<{ n: number }>>(
      "SELECT COUNT(*) AS n FROM rate_limits WHERE `key` LIKE 'login%'",
    );
    expect(Number(row?.n)).toBe(0);
  });

  it('accepts 15 aliases', async () => {
    const aliases = Array.from({ length: 15 }, (_v, i) => `m${i}: me { id }`).join(' ');
    const res = await gql(server.url, `{ ${aliases} }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('hides field suggestions', async () => {
    const res = await gql(server.url, '{ mee { id } }');
    expect(res.raw).not.toMatch(/Did you mean/);
    expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses operations that need a session when there is none', async () => {
    expect(errorOf(await gql(server.url, MUTATIONS.logout))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Please log in to continue.',
      field: undefined,
    });
  });

  it('never shows a stack trace, even for variable coercion errors', async () => {
    const res = await gql(server.url, MUTATIONS.login, { email: { __proto__: { isAdmin: true } }, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.raw).not.toMatch(/stacktrace|at .*\.(js|ts):\d+/);
  });
});

describe('the dashboard page', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-dist-'));
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<html><head><meta name="mobius-mailbox-url" content="" /><meta name="mobius-demo-connectwise-site" content="" /></head><body><div id="root"></div></body></html>',
  );

  it('tells the dashboard where the demo mailbox and ConnectWise company are, in demo mode only', async () => {
    const demo = await startTestServer({
      dialect: 'sqlite',
      clientDistDir: dist,
      env: { MOBIUS_SIMULATORS: 'on', SIMULATOR_BASE_PORT: '5300' },
    });
    const plain = await startTestServer({ dialect: 'sqlite', clientDistDir: dist });
    try {
      const html = await (await fetch(`${demo.url}/connectwise`)).text();
      expect(html).toContain('<meta name="mobius-mailbox-url" content="http://localhost:5301/"');
      expect(html).toContain('<meta name="mobius-demo-connectwise-site" content="http://127.0.0.1:5302"');
      const off = await fetch(`${plain.url}/quickbooks/abc`);
      expect(off.headers.get('cache-control')).toBe('no-store');
      expect(await off.text()).toContain('<meta name="mobius-mailbox-url" content=""');
    } finally {
      await demo.close();
      await plain.close();
    }
  });
});

describe('introspection in production', () => {
  it('is disabled', async () => {
    const server = await startTestServer({
      dialect: 'sqlite',
      env: PRODUCTION_ENV,
    });
    try {
      const res = await gql(server.url, '{ __schema { types { name } } }');
      expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.raw).toMatch(/introspection/i);
    } finally {
      await server.close();
    }
  });
});

describe('the schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema(new ResolverContainer());
  });

  it('makes every operation either explicitly public or @Authorized', () => {
    const authorized = new Set(getMetadataStorage().authorizedFields.map((f) => f.fieldName));
    const operations = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const unguarded = operations.filter((name) => !PUBLIC_OPERATIONS.includes(name) && !authorized.has(name));
    expect(unguarded).toEqual([]);
    expect(operations).toEqual(expect.arrayContaining(PUBLIC_OPERATIONS));
  });

  it('exposes no secret-looking output field', () => {
    const allowed = new Set([
      'AuthPayload.token',
      'ConnectWiseConnection.publicKey',
      'ConnectWiseConnection.privateKeyHint',
      // createApiToken's one-time answer (docs/product.md §7: shown once, stored hashed).
      'CreatedApiToken.token',
      'CreatedApiToken.apiToken',
    ]);
    const offenders: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
      if (type === schema.getQueryType() || type === schema.getMutationType()) continue;
      for (const field of Object.keys(type.getFields())) {
        const name = `${type.name}.${field}`;
        if (/password|hash|salt|secret|private|refresh|access_?token|token$/i.test(field) && !allowed.has(name))
          offenders.push(name);
      }
    }
    expect(offenders).toEqual([]);
  });
});
