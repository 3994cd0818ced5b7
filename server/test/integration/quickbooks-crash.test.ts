import { decryptSecret } from '../../src/lib/crypto';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator, type TokenIssuedEvent } from '../../src/simulators/intuit';
import { startSendGridSimulator, type SendGridControls } from '../../src/simulators/sendgrid';
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
import { gql, MUTATIONS, STRONG_PASSWORD } from '../support/test-server';
import { withTestServer } from '../support/use-test-server';
import { waitUntil } from '../support/wait-until';

/**
 * docs/security.md item 72 for real (docs/token-manager.md §2, §3): the built server (`node server/dist/index.js`, a
 * separate process) is SIGKILLed the instant Intuit has answered a refresh with a NEW refresh token
 * value — it is on the wire and nowhere else. This is the window no design closes; what follows it
 * depends on what Intuit does with the superseded value:
 * - lenient reading: it still works for 24 h and answers the newest value, so the restarted server
 *   heals the connection by itself (and the dead process's refresh lease blocks nothing);
 * - strict reading: it is refused at once, so the connection is LOST and the user is told to reconnect.
 */

const LOST = 'Your Default connection to QuickBooks Online has been lost. Please reconnect.';

describe.each(testDialects)('a server killed right after Intuit answered a refresh, on %s', (dialect) => {
  let db: TestDatabase;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let sendgrid: RunningServer & { controls: SendGridControls };
  let onIssued: (event: TokenIssuedEvent) => void = () => undefined;
  let onRequest: () => void = () => undefined;
  const children: Child[] = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase(dialect);
    // A new refresh token value on every refresh (Intuit: about once a day), so every refresh is the risky one.
    intuit = await startIntuitSimulator({
      onTokenIssued: (event) => onIssued(event),
      onTokenRequest: (event) => {
        if (event.grantType === 'refresh_token') onRequest();
      },
      lifetimes: { refreshTokenRotationSeconds: 0 },
    });
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

  /** Connects an account, then kills a server process right after Intuit answered its refresh. */
  async function killRightAfterTheAnswer(email: string) {
    // Set up through an in-process server on the same database: account, ConnectWise, QuickBooks.
    // Access tokens live 60 s here, inside Mobius's 5-minute refresh skew: the next use refreshes.
    intuit.controls.setLifetimes({ accessTokenSeconds: 60 });
    const { config, owner, encryptionKeys } = await withTestServer(
      { dialect, db, intuit, env: CONNECTWISE_TEST_ENV },
      async (setup) => {
        const account = await signIn(setup, email);
        await saveConnectWise(setup, account, psa.url);
        const created = await defaultConfiguration(setup, account);
        expect((await connectQuickBooks(setup, account, created.id, DEMO_REALM)).location).toContain('connected=1');
        return { config: created, owner: account, encryptionKeys: setup.config.encryptionKeys };
      },
    );
    const firstRefreshToken = intuit.controls.latestRefreshToken(DEMO_REALM) as string;

    const env = childEnv({ databaseUrl: db.url, sendgridUrl: sendgrid.url, intuit, extra: CONNECTWISE_TEST_ENV });
    const port = await freePort();
    const login = async (url: string) => {
      const res = await gql<{ login: { token: string } }>(url, MUTATIONS.login, { email, password: STRONG_PASSWORD });
      return res.body.data?.login.token as string;
    };
    const row = async () =>
      (
        await db.dataSource.query<Array<Record<string, string | number | null>>>(
          'SELECT * FROM quickbooks_configurations WHERE id = ?',
          [config.id],
        )
      )[0];
    const storedRefreshToken = async () =>
      decryptSecret(
        { keys: encryptionKeys },
        (await row()).refreshTokenSealed as string,
        `quickbooks_configurations|refreshToken|${config.id}|${owner.accountId}`,
      );

    // First life: the refresh answer is written to the socket, then the process is SIGKILLed at once.
    const first = await startChild(env, port);
    children.push(first);
    const token = await login(first.url);
    let killedAfter: TokenIssuedEvent | undefined;
    // Frozen the moment its refresh reaches Intuit (it is waiting for the answer, so it stops before running any
    // more of its code), killed once the answer is written: it can never store the new token, however loaded the
    // machine is. (Killing only after the answer let a busy machine's server commit it first.)
    let frozen = false;
    onRequest = () => {
      if (frozen) return;
      frozen = true;
      first.process.kill('SIGSTOP');
    };
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
    onRequest = () => undefined;

    // Intuit rotated the token, but the server never stored it: it died in between.
    expect(killedAfter).toMatchObject({ rotated: true });
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
    return { config, first, second, token2, row, storedRefreshToken, firstRefreshToken };
  }

  it('lenient reading: still has a working connection after the restart', async () => {
    intuit.controls.setStrictRotation(false);
    const { config, first, second, token2, row, storedRefreshToken, firstRefreshToken } =
      await killRightAfterTheAnswer('qb.crash@acme-msp.test');
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

  it('strict reading: the connection is lost, said once, with the reason, and the user is asked to reconnect', async () => {
    intuit.controls.setStrictRotation(true);
    const email = 'qb.crash.strict@acme-msp.test';
    const { config, second, token2, row, firstRefreshToken } = await killRightAfterTheAnswer(email);
    const res = await gql<{ checkQuickBooksConnection: QbConfig }>(
      second.url,
      QB.check,
      { id: config.id },
      { token: token2 },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.checkQuickBooksConnection).toMatchObject({
      lastErrorCode: 'INVALID_GRANT',
      connectionStatus: { state: 'LOST', message: LOST },
    });
    // The replay of the superseded value was refused: nothing else can bring the new one back.
    expect(intuit.controls.refreshCallsFor(firstRefreshToken)).toBe(2);
    expect(intuit.state.tokenRequests.at(-1)).toMatchObject({ refreshToken: firstRefreshToken, status: 400 });
    expect(await row()).toMatchObject({ state: 'LOST', refreshTokenSealed: null, refreshLeaseOwner: null });
    await waitUntil('the connection-lost email', () => lostMail(email), { timeoutMs: 5_000 });
    expect(lostMail(email)?.text).toContain(`/quickbooks/${config.id}`);
    const log = second.output.join('');
    expect(log).toContain('"event":"quickbooks.connection_lost"');
    expect(log).toContain('"afterInterruptedRefresh":true');
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('strict reading: a SIGTERM during a refresh lets it commit first, so a restart loses nothing', async () => {
    intuit.controls.setStrictRotation(true);
    intuit.controls.setLifetimes({ accessTokenSeconds: 60 });
    const email = 'qb.sigterm@acme-msp.test';
    const logStart = intuit.state.tokenRequests.length;
    const config = await withTestServer({ dialect, db, intuit, env: CONNECTWISE_TEST_ENV }, async (setup) => {
      const owner = await signIn(setup, email);
      await saveConnectWise(setup, owner, psa.url);
      const created = await defaultConfiguration(setup, owner);
      expect((await connectQuickBooks(setup, owner, created.id, DEMO_REALM)).location).toContain('connected=1');
      return created;
    });
    const env = childEnv({ databaseUrl: db.url, sendgridUrl: sendgrid.url, intuit, extra: CONNECTWISE_TEST_ENV });
    const port = await freePort();
    const login = async (url: string) =>
      (await gql<{ login: { token: string } }>(url, MUTATIONS.login, { email, password: STRONG_PASSWORD })).body.data
        ?.login.token as string;

    // A deploy stops the process while Intuit is working on a rotating refresh (its answer takes 800 ms).
    const first = await startChild(env, port);
    children.push(first);
    const token = await login(first.url);
    intuit.controls.injectFault({ target: 'token', grantType: 'refresh_token', delayMs: 800 });
    let stopped = false;
    onRequest = () => {
      if (stopped) return;
      stopped = true;
      first.process.kill('SIGTERM');
    };
    const versionBefore = Number((await rowOf(config.id)).tokenVersion);
    // The request in flight may be cut (the HTTP server closes its connections), but not the refresh.
    await gql(first.url, QB.check, { id: config.id }, { token }).catch(() => undefined);
    onRequest = () => undefined;
    expect(stopped).toBe(true);
    expect(await first.exited).toEqual({ code: 0, signal: null });
    // Intuit rotated (it finishes what it received, whoever is still listening) …
    const served = () => intuit.state.tokenRequests.slice(logStart).filter((r) => r.grantType === 'refresh_token');
    await waitUntil('the refresh Intuit served', () => served().length > 0, { timeoutMs: 5_000 });
    expect(served()).toEqual([expect.objectContaining({ status: 200, rotated: true })]);
    // … and the new value was committed before the process exited.
    expect(served()[0]?.delivered).toBe(true);
    expect(Number((await rowOf(config.id)).tokenVersion)).toBe(versionBefore + 1);

    intuit.controls.setLifetimes({ accessTokenSeconds: 3600 });
    const second = await startChild(env, port);
    children.push(second);
    const again = await gql<{ checkQuickBooksConnection: QbConfig }>(
      second.url,
      QB.check,
      { id: config.id },
      { token: await login(second.url) },
    );
    expect(again.body.data?.checkQuickBooksConnection.connectionStatus).toMatchObject({ state: 'CONNECTED' });
    expect(intuit.state.tokenRequests.slice(logStart).filter((r) => r.status !== 200)).toHaveLength(0);
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  const rowOf = async (id: string) =>
    (
      await db.dataSource.query<Array<Record<string, string | number | null>>>(
        'SELECT tokenVersion FROM quickbooks_configurations WHERE id = ?',
        [id],
      )
    )[0];

  const lostMail = (email: string) =>
    sendgrid.controls
      .messages()
      .find((m) => m.to.some((t) => t.email === email) && m.subject.includes('has been lost'));
});
