import { createHash } from 'node:crypto';
import { ConnectWiseConnectionRecord } from '../../src/modules/connectwise/connectwise-connection.entity';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { CONNECTWISE_TEST_ENV, saveConnectWise, signIn } from '../support/quickbooks';
import {
  createVerifiedAccount,
  freshIp,
  gql,
  MUTATIONS,
  PRODUCTION_ENV,
  resetBudgets,
  STRONG_PASSWORD,
  startTestServer,
  tokenFromEmail,
  type TestServer,
} from '../support/test-server';

/**
 * Checklist items of docs/security.md that no other test file proved: CORS, HSTS, what never reaches the logs,
 * tokens in query strings, reset-link storage and unreadable ConnectWise keys.
 */

const NEW_PASSWORD = 'A brand new passphrase 77';

describe('the security checklist, remaining items', () => {
  let server: TestServer;
  let production: TestServer;
  let psa: RunningServer & ConnectWiseSimulator;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect: 'sqlite', env: CONNECTWISE_TEST_ENV });
    production = await startTestServer({ dialect: 'sqlite', env: PRODUCTION_ENV });
  });
  afterAll(async () => {
    await production?.close();
    await server?.close();
    await psa?.close();
  });

  it('answers no cross-origin request with CORS headers, whatever the Origin (40)', async () => {
    for (const origin of ['https://evil.test', 'null', server.url.replace('127.0.0.1', 'localhost')]) {
      const preflight = await fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
      const post = await gql(server.url, MUTATIONS.me, {}, { headers: { origin } });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('sends HSTS in production (an https APP_URL) and not over plain http (52)', async () => {
    const secure = await gql(production.url, MUTATIONS.me);
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(secure.headers.get('x-powered-by')).toBeNull();
    const plain = await gql(server.url, MUTATIONS.me);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('never logs a password, a bcrypt hash or an emailed link token, through every account flow (17, 32, 59)', async () => {
    const email = 'logs.clean@acme-msp.test';
    await createVerifiedAccount(server, email);
    const verifyToken = tokenFromEmail(server.mail, email, '/verify-email');
    await gql(server.url, MUTATIONS.login, { email, password: 'Not the password 404' }, { ip: freshIp() });
    await gql(server.url, MUTATIONS.login, { email, password: STRONG_PASSWORD }, { ip: freshIp() });
    await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
    await server.settle();
    const resetToken = tokenFromEmail(server.mail, email, '/reset-password');
    const reset = await gql(
      server.url,
      MUTATIONS.resetPassword,
      { token: resetToken, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
      { ip: freshIp() },
    );
    expect(reset.body.errors).toBeUndefined();
    await server.settle();

    const logs = server.logs.join('');
    expect(logs).toContain('"event":"auth.password_reset"');
    for (const secret of [STRONG_PASSWORD, NEW_PASSWORD, 'Not the password 404', verifyToken, resetToken]) {
      expect(logs).not.toContain(secret);
    }
    expect(logs).not.toMatch(/\$2[aby]\$\d\d\$/);
  });

  it('stores a reset link only as a digest (23)', async () => {
    const email = 'reset.digest@acme-msp.test';
    await createVerifiedAccount(server, email);
    await resetBudgets(server);
    await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
    await server.settle();
    const token = tokenFromEmail(server.mail, email, '/reset-password');
    const rows = await server.db.dataSource.query<Array<Record<string, unknown>>>(
      "SELECT * FROM single_use_tokens WHERE purpose = 'PASSWORD_RESET' AND accountId = (SELECT id FROM accounts WHERE email = ?)",
      [email],
    );
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    const raw = Buffer.from(token, 'base64url');
    for (const form of [token, raw.toString('hex'), raw.toString('base64'), encodeURIComponent(token)]) {
      expect(dump).not.toContain(form);
    }
    // A keyed digest: not even a plain SHA-256 of the token, which anyone holding the database could test guesses against.
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.tokenHash).not.toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('never takes a session from the query string (37)', async () => {
    const { token } = await createVerifiedAccount(server, 'query.token@acme-msp.test');
    for (const name of ['access_token', 'token', 'authorization']) {
      const res = await fetch(`${server.url}/graphql?${name}=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: MUTATIONS.me }),
      });
      expect(await res.json()).toEqual({ data: { me: null } });
    }
  });

  it('fails closed on unreadable ConnectWise keys: LOST with a plain reason, the process up, nothing secret logged (57)', async () => {
    const session = await signIn(server, 'cw.corrupt@acme-msp.test');
    await saveConnectWise(server, session, psa.url);
    const repo = server.db.dataSource.getRepository(ConnectWiseConnectionRecord);
    const row = await repo.findOneByOrFail({ accountId: session.accountId });
    // One byte of the sealed private key flipped, as a damaged backup or a wrong key would leave it.
    const sealed = row.privateKeySealed;
    const flipped = `${sealed.slice(0, -2)}${sealed.slice(-2, -1) === 'A' ? 'B' : 'A'}${sealed.slice(-1)}`;
    await repo.update({ id: row.id }, { privateKeySealed: flipped });

    const status = await gql<{ connectionStatus: { connectWise: { state: string; message: string } } }>(
      server.url,
      '{ connectionStatus { connectWise { state message } } }',
      {},
      session,
    );
    expect(status.body.errors).toBeUndefined();
    const check = await gql<{ checkConnectWiseConnection: { status: { state: string; message: string } } }>(
      server.url,
      'mutation { checkConnectWiseConnection(force: true) { status { state message } } }',
      {},
      session,
    );
    expect(check.body.data?.checkConnectWiseConnection.status).toEqual({
      state: 'LOST',
      message: 'The stored ConnectWise PSA keys cannot be read. Enter them again.',
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const logs = server.logs.join('');
    expect(logs).toContain('"event":"connectwise.decryption_failed"');
    expect(logs).not.toContain('DemoPrivateKey-0123456789');
    expect(logs).not.toContain(flipped);
  });
});
