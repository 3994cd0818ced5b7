import { decryptSecret } from '../../src/lib/crypto';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator, type TokenIssuedEvent } from '../../src/simulators/intuit';
import { startSendGridSimulator } from '../../src/simulators/sendgrid';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases';
import {
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  DEMO_REALM,
  QB,
  saveConnectWise,
  signIn,
  type QbConfig,
} from '../support/quickbooks';
import { childEnv, ensureBuilt, freePort, startChild, type Child } from '../support/server-process';
import { gql, MUTATIONS, STRONG_PASSWORD, startTestServer } from '../support/test-server';

/**
 * SECURITY §72 for real: the built server (`node server/dist/index.js`, a separate process) is
 * SIGKILLed the instant Intuit has answered a refresh — the rotated refresh token is on the wire and
 * nowhere else. After a restart the connection must still work: the stored (previous) refresh token
 * is still honoured by Intuit for 24 h, and the dead process's refresh lease must not block anything.
 */

describe.each(testDialects)('a server killed right after Intuit answered a refresh, on %s', (dialect) => {
  let db: TestDatabase;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let sendgrid: RunningServer;
  let onIssued: (event: TokenIssuedEvent) => void = () => undefined;
  const children: Child[] = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase(dialect);
    intuit = await startIntuitSimulator({ onTokenIssued: (event) => onIssued(event) });
    psa = await startConnectWiseSimulator();
    sendgrid = await startSendGridSimulator();
  });
  afterAll(async () => {
    for (const child of children)
      if (child.process.exitCode === null && !child.process.killed) child.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await intuit?.close();
    await psa?.close();
    await sendgrid?.close();
    await db?.destroy();
  });

  it('still has a working connection after the restart', async () => {
    const email = 'qb.crash@acme-msp.test';
    // Set up through an in-process server on the same database: account, ConnectWise, QuickBooks.
    // Access tokens live 60 s here, inside Mobius's 5-minute refresh skew: the next use refreshes.
    intuit.controls.setLifetimes({ accessTokenSeconds: 60 });
    const setup = await startTestServer({ dialect, db, intuit, env: CONNECTWISE_TEST_ENV });
    const owner = await signIn(setup, email);
    await saveConnectWise(setup, owner, psa.url);
    const config = await defaultConfiguration(setup, owner);
    expect((await connectQuickBooks(setup, owner, config.id, DEMO_REALM)).location).toContain('connected=1');
    await setup.close();
    const firstRefreshToken = intuit.controls.latestRefreshToken(DEMO_REALM) as string;

    const env = childEnv({ databaseUrl: db.url, sendgridUrl: sendgrid.url, intuit, extra: CONNECTWISE_TEST_ENV });
    const port = await freePort();
    const login = async (url: string) => {
      const res = await gql<{ login: { token: string } }>(url, MUTATIONS.login, { email, password: STRONG_PASSWORD });
      return res.body.data?.login.token as string;
    };
    const row = async () =>
      (
        (await db.dataSource.query('SELECT * FROM quickbooks_configurations WHERE id = ?', [config.id])) as Array<
          Record<string, string | number | null>
        >
      )[0] as Record<string, string | number | null>;
    const storedRefreshToken = async () =>
      decryptSecret(
        { keys: setup.config.encryptionKeys },
        (await row()).refreshTokenSealed as string,
        `quickbooks_configurations|refreshToken|${config.id}|${owner.accountId}`,
      );

    // First life: the refresh answer is written to the socket, then the process is SIGKILLed at once.
    const first = await startChild(env, port);
    children.push(first);
    const token = await login(first.url);
    let killedAfter: TokenIssuedEvent | undefined;
    onIssued = (event) => {
      if (event.grantType !== 'refresh_token' || killedAfter) return;
      first.process.kill('SIGKILL');
      killedAfter = event;
    };
    const died = await gql(first.url, QB.check, { id: config.id }, { token }).then(
      () => false,
      () => true,
    );
    expect(died).toBe(true); // the request died with the server
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    onIssued = () => undefined;

    // Intuit rotated the token, but the server never stored it: it died in between.
    expect(killedAfter?.refreshToken).toBeDefined();
    expect(killedAfter?.refreshToken).not.toBe(firstRefreshToken);
    const afterCrash = await row();
    expect(Number(afterCrash.tokenVersion)).toBe(1);
    expect(afterCrash.refreshLeaseOwner).not.toBeNull(); // the dead process still "holds" the refresh lease
    expect(await storedRefreshToken()).toBe(firstRefreshToken);
    expect(intuit.controls.refreshCallsFor(firstRefreshToken)).toBe(1);

    // Second life: same database, same settings.
    intuit.controls.setLifetimes({ accessTokenSeconds: 3600 });
    const second = await startChild(env, port);
    children.push(second);
    const token2 = await login(second.url);
    const started = Date.now();
    const res = await gql<{ checkQuickBooksConnection: QbConfig }>(
      second.url,
      QB.check,
      { id: config.id },
      { token: token2 },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.checkQuickBooksConnection).toMatchObject({
      realmId: DEMO_REALM,
      companyName: 'Sandbox Company US 1',
      connectionStatus: { state: 'CONNECTED', message: null },
    });
    // The lease of the dead process did not have to run out (same host, provably dead).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(intuit.controls.refreshCallsFor(firstRefreshToken)).toBe(2); // replayed within Intuit's 24 h overlap
    const healed = await row();
    expect(Number(healed.tokenVersion)).toBe(2);
    expect(healed.refreshLeaseOwner).toBeNull();
    expect(await storedRefreshToken()).toBe(intuit.controls.latestRefreshToken(DEMO_REALM));
    expect(intuit.state.tokenRequests.filter((r) => r.error === 'invalid_grant')).toHaveLength(0);

    // And it keeps working: the next check uses the stored access token, no refresh.
    const refreshesBefore = intuit.controls.counters().tokenCalls.refresh_token;
    const again = await gql<{ checkQuickBooksConnection: QbConfig }>(
      second.url,
      QB.check,
      { id: config.id },
      {
        token: token2,
      },
    );
    expect(again.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    expect(intuit.controls.counters().tokenCalls.refresh_token).toBe(refreshesBefore);

    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    const output = [...first.output, ...second.output].join('');
    expect(output).toContain('"event":"quickbooks.refresh_lease_recovered"');
    for (const secret of [...intuit.state.refreshTokens.keys(), ...intuit.state.accessTokens.keys()]) {
      expect(output).not.toContain(secret);
    }
  });
});
