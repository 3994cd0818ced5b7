import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { keyId } from '../../src/config';
import { reencryptColumn } from '../../src/db/secret-rotation';
import { connectWiseFeature } from '../../src/modules/connectwise';
import { hmacSha256Hex, sealedKeyId } from '../../src/lib/crypto';
import {
  DEMO_CREDENTIALS,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { testDialects } from '../support/databases';
import {
  CONNECTWISE_TEST_ENV,
  connectQuickBooks,
  defaultConfiguration,
  QB,
  saveConnectWise,
  signIn,
} from '../support/quickbooks';
import { ENTRY, ensureBuilt, SERVER_DIR } from '../support/server-process';
import {
  createVerifiedAccount,
  freshIp,
  gql,
  MUTATIONS,
  startTestServer,
  STRONG_PASSWORD,
  testSecrets,
  tokenFromEmail,
  type TestServer,
} from '../support/test-server';

/** The keys behind stored secrets and token digests, and rotating them (docs/secrets.md). */

const CREATE_TOKEN = 'mutation($name: String!) { createApiToken(name: $name) { token } }';
const ME = '{ me { email } }';
const NEW_PASSWORD = 'Another long passphrase 77';
const key = () => randomBytes(32).toString('base64');
const keyIdOf = (base64: string) => keyId(Buffer.from(base64, 'base64'));
const ringOf = (...keys: string[]) => ({
  keys: keys.map((k) => ({ id: keyIdOf(k), key: Buffer.from(k, 'base64') })),
});

async function apiTokenFor(server: TestServer, session: string): Promise<string> {
  const res = await gql<{ createApiToken: { token: string } }>(
    server.url,
    CREATE_TOKEN,
    { name: 'Monitor' },
    { token: session },
  );
  if (!res.body.data) throw new Error(`createApiToken failed: ${res.raw}`);
  return res.body.data.createApiToken.token;
}

async function emailedLink(server: TestServer, email: string, kind: 'reset' | 'verify'): Promise<string> {
  const mutation = kind === 'reset' ? MUTATIONS.requestPasswordReset : MUTATIONS.signup;
  await gql(server.url, mutation, { email }, { ip: freshIp() });
  await server.settle();
  return tokenFromEmail(server.mail, email, kind === 'reset' ? '/reset-password' : '/verify-email');
}

async function usePasswordLink(server: TestServer, kind: 'reset' | 'verify', token: string) {
  const mutation = kind === 'reset' ? MUTATIONS.resetPassword : MUTATIONS.verifyEmail;
  const res = await gql(
    server.url,
    mutation,
    { token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
    { ip: freshIp() },
  );
  return res.body.errors ?? res.body.data;
}

describe.each(testDialects)('secret keys on %s', (dialect) => {
  it('keeps API tokens and pending email links working when JWT_SECRET changes', async () => {
    const first = await startTestServer({ dialect, env: { JWT_SECRET: key() } });
    try {
      const email = 'keys.jwt@acme-msp.test';
      const { token: session } = await createVerifiedAccount(first, email);
      const apiToken = await apiTokenFor(first, session);
      const resetLink = await emailedLink(first, email, 'reset');
      const verifyLink = await emailedLink(first, 'keys.jwt.pending@acme-msp.test', 'verify');

      const second = await startTestServer({ dialect, db: first.db, env: { JWT_SECRET: key() } });
      try {
        // JWT_SECRET signs sessions: the old session ends, as a rotation should make it.
        const ended = await gql(second.url, ME, {}, { token: session });
        expect({ status: ended.status, code: ended.body.errors?.[0]?.extensions?.code }).toEqual({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect((await gql(second.url, ME, {}, { token: apiToken })).body.data).toEqual({ me: { email } });
        expect(await usePasswordLink(second, 'reset', resetLink)).toMatchObject({
          resetPassword: { account: { email } },
        });
        expect(await usePasswordLink(second, 'verify', verifyLink)).toMatchObject({
          verifyEmail: { account: { email: 'keys.jwt.pending@acme-msp.test' } },
        });
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it('rotates MOBIUS_HASH_KEYS: older digests keep working, API tokens move to the newest key on use, then the older key can go', async () => {
    const [older, newer] = [key(), key()];
    const first = await startTestServer({ dialect, env: { MOBIUS_HASH_KEYS: older } });
    try {
      const email = 'keys.hash@acme-msp.test';
      const { token: session } = await createVerifiedAccount(first, email);
      const apiToken = await apiTokenFor(first, session);
      const resetLink = await emailedLink(first, email, 'reset');
      const tokenRow = async () =>
        (
          await first.db.dataSource.query<
            Array<{
              tokenHash: string;
              hashKeyId: string | null;
            }>
          >('SELECT tokenHash, hashKeyId FROM api_tokens')
        )[0];
      expect(await tokenRow()).toEqual({
        tokenHash: hmacSha256Hex(Buffer.from(older, 'base64'), `api-token|${apiToken}`),
        hashKeyId: keyIdOf(older),
      });

      const both = await startTestServer({ dialect, db: first.db, env: { MOBIUS_HASH_KEYS: `${newer},${older}` } });
      try {
        expect((await gql(both.url, ME, {}, { token: apiToken })).body.data).toEqual({ me: { email } });
        expect(await tokenRow()).toEqual({
          tokenHash: hmacSha256Hex(Buffer.from(newer, 'base64'), `api-token|${apiToken}`),
          hashKeyId: keyIdOf(newer),
        });
        expect(await usePasswordLink(both, 'reset', resetLink)).toMatchObject({
          resetPassword: { account: { email } },
        });
      } finally {
        await both.close();
      }

      const newest = await startTestServer({ dialect, db: first.db, env: { MOBIUS_HASH_KEYS: newer } });
      try {
        expect((await gql(newest.url, ME, {}, { token: apiToken })).body.data).toEqual({ me: { email } });
      } finally {
        await newest.close();
      }
    } finally {
      await first.close();
    }
  });

  describe('rotating MOBIUS_SECRET_KEY', () => {
    let psa: RunningServer & ConnectWiseSimulator;
    let intuit: RunningIntuitSimulator;
    beforeAll(async () => {
      ensureBuilt();
      psa = await startConnectWiseSimulator();
      intuit = await startIntuitSimulator();
    });
    afterAll(async () => {
      await psa?.close();
      await intuit?.close();
    });

    const rotate = (databaseUrl: string, keys: string) =>
      spawnSync(process.execPath, [ENTRY.replace(/index\.js$/, 'scripts/rotate-secrets.js')], {
        cwd: SERVER_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: databaseUrl,
          JWT_SECRET: testSecrets.jwt,
          MOBIUS_SECRET_KEY: keys,
          MOBIUS_HASH_KEYS: testSecrets.hash,
          MOBIUS_SIMULATORS: 'off',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });

    it('opens secrets sealed under an older key, re-encrypts them all under the newest with the command, and the older key can then go', async () => {
      const [older, newer] = [key(), key()];
      const env = { ...CONNECTWISE_TEST_ENV, MOBIUS_SECRET_KEY: older };
      const first = await startTestServer({ dialect, intuit, env });
      try {
        const session = await signIn(first, 'keys.sealed@acme-msp.test');
        await saveConnectWise(first, session, psa.url);
        const configuration = await defaultConfiguration(first, session);
        await connectQuickBooks(first, session, configuration.id);
        const sealedKeyIds = async () => {
          const cw = await first.db.dataSource.query<Array<Record<string, string>>>(
            'SELECT publicKeySealed, privateKeySealed FROM connectwise_connections',
          );
          const qbo = await first.db.dataSource.query<Array<Record<string, string>>>(
            'SELECT accessTokenSealed, refreshTokenSealed FROM quickbooks_configurations WHERE realmId IS NOT NULL',
          );
          return [...cw, ...qbo].flatMap((row) => Object.values(row).map((value) => sealedKeyId(value)));
        };
        expect(await sealedKeyIds()).toEqual(Array(4).fill(keyIdOf(older)));

        const stillWorks = async (server: TestServer) => {
          const me = await gql(server.url, '{ me { connectWise { publicKey status { state } } } }', {}, session);
          expect(me.body.data).toEqual({
            me: { connectWise: { publicKey: DEMO_CREDENTIALS.publicKey, status: { state: 'CONNECTED' } } },
          });
          const check = await gql(server.url, QB.check, { id: configuration.id }, session);
          expect(check.body.data).toMatchObject({
            checkQuickBooksConnection: { connectionStatus: { state: 'CONNECTED' } },
          });
        };

        const both = await startTestServer({
          dialect,
          intuit,
          db: first.db,
          env: { ...env, MOBIUS_SECRET_KEY: `${newer},${older}` },
        });
        try {
          await stillWorks(both);
          // The command runs beside the running server.
          const run = rotate(first.db.url, `${newer},${older}`);
          expect(run.stderr).toBe('');
          expect(run.status).toBe(0);
          expect(run.stdout).toContain('connectwise_connections: 2 re-encrypted');
          expect(run.stdout).toContain('the older MOBIUS_SECRET_KEY keys can go');
          expect(run.stdout).not.toContain(DEMO_CREDENTIALS.privateKey);
          expect(await sealedKeyIds()).toEqual(Array(4).fill(keyIdOf(newer)));
          const again = rotate(first.db.url, `${newer},${older}`);
          expect(again.status).toBe(0);
          expect(again.stdout).toContain('connectwise_connections: 0 re-encrypted, 2 already under it');
          expect(again.stdout).toContain('quickbooks_configurations: 0 re-encrypted');
        } finally {
          await both.close();
        }

        const newest = await startTestServer({
          dialect,
          intuit,
          db: first.db,
          env: { ...env, MOBIUS_SECRET_KEY: newer },
        });
        try {
          await stillWorks(newest);
        } finally {
          await newest.close();
        }
      } finally {
        await first.close();
      }
    });

    it('leaves a secret that a save rewrote while the command ran as that save stored it', async () => {
      const [older, newer] = [key(), key()];
      const env = { ...CONNECTWISE_TEST_ENV, MOBIUS_SECRET_KEY: older };
      const first = await startTestServer({ dialect, env });
      try {
        const session = await signIn(first, 'keys.race@acme-msp.test');
        await saveConnectWise(first, session, psa.url);
        const spec = connectWiseFeature.sealedColumns![0];
        const [stale] = await first.db.dataSource.query<
          Array<{
            id: string;
            accountId: string;
            privateKeySealed: string;
          }>
        >('SELECT * FROM connectwise_connections');

        // The command read the row; then the person saves their keys again on a server with the new key.
        const both = await startTestServer({
          dialect,
          db: first.db,
          env: { ...env, MOBIUS_SECRET_KEY: `${newer},${older}` },
        });
        try {
          await saveConnectWise(both, session, psa.url, STRONG_PASSWORD);
        } finally {
          await both.close();
        }
        const [saved] = await first.db.dataSource.query<
          Array<{
            privateKeySealed: string;
          }>
        >('SELECT privateKeySealed FROM connectwise_connections');
        expect(sealedKeyId(saved.privateKeySealed)).toBe(keyIdOf(newer));

        const outcome = await reencryptColumn(
          first.db.dataSource,
          ringOf(newer, older),
          spec,
          stale,
          'privateKeySealed',
        );
        expect(outcome).toBe('current');
        const [after] = await first.db.dataSource.query<
          Array<{
            privateKeySealed: string;
          }>
        >('SELECT privateKeySealed FROM connectwise_connections');
        expect(after.privateKeySealed).toBe(saved.privateKeySealed);
      } finally {
        await first.close();
      }
    });
  });
});
