import { randomBytes } from 'node:crypto';
import { startSendGridSimulator } from '../../src/simulators/sendgrid';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { deleteRedisKeys, eventually, TEST_REDIS_URL } from '../support/queues';
import { ensureBuilt, freePort, startChild, type Child } from '../support/server-process';
import { gql, MUTATIONS, STRONG_PASSWORD, testSecrets, tokenFromEmail } from '../support/test-server';

/**
 * An email survives the death of the process that was sending it (docs/email-delivery.md §2): the built server is
 * SIGKILLed while SendGrid answers 503, SendGrid comes back, the server is started again on the same database (and
 * Redis), and every pending email arrives, once.
 */

type Kind = 'embedded on sqlite' | 'embedded on mysql' | 'BullMQ on Redis';
const kinds: Kind[] = [
  'embedded on sqlite',
  ...(process.env.TEST_MYSQL_URL ? (['embedded on mysql'] as const) : []),
  'BullMQ on Redis',
];
const NEW_PASSWORD = 'A brand new passphrase 2026';

describe.each(kinds)('emails pending when the server is killed, %s', (kind) => {
  let db: TestDatabase;
  let sendgrid: Awaited<ReturnType<typeof startSendGridSimulator>>;
  const children: Child[] = [];
  const prefix = `mobius-mail-restart-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase(kind === 'embedded on mysql' ? 'mysql' : 'sqlite');
    sendgrid = await startSendGridSimulator();
  });
  afterAll(async () => {
    for (const child of children) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    }
    await Promise.all(children.map((child) => child.exited));
    await sendgrid?.close();
    await db?.destroy();
    if (kind === 'BullMQ on Redis') await deleteRedisKeys(TEST_REDIS_URL, prefix);
  });

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: testSecrets.jwt,
    MOBIUS_SECRET_KEY: testSecrets.encryption,
    MOBIUS_SIMULATORS: 'off',
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_API_BASE_URL: sendgrid.url,
    MAIL_FROM: 'no-reply@mobius.test',
    LOG_LEVEL: 'info',
    QUEUE_POLL_MS: '50',
    MAIL_RETRY_FIRST_DELAY_MS: '100',
    MAIL_RETRY_MAX_DELAY_MS: '300',
    ...(kind === 'BullMQ on Redis'
      ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, QUEUE_LEASE_SECONDS: '2' }
      : {}),
  });
  const start = async (port: number) => {
    const child = await startChild(env(), port);
    children.push(child);
    return child;
  };
  const answersById = () => {
    const byId = new Map<string, Array<number | 'dropped'>>();
    for (const request of sendgrid.controls.requests()) {
      const id = request.customArgs?.mobius_email_id;
      if (id) byId.set(id, [...(byId.get(id) ?? []), request.outcome]);
    }
    return byId;
  };
  const inbox = (to: string) => sendgrid.controls.messages().filter((m) => m.to.some((a) => a.email === to));

  it('sends the verification and reset emails after a restart, each exactly once', async () => {
    const port = await freePort();
    const owner = 'restart.owner@acme-msp.test';
    const newcomer = 'restart.newcomer@acme-msp.test';
    const first = await start(port);

    // An account to reset, made while SendGrid works.
    await gql(first.url, MUTATIONS.signup, { email: owner });
    await eventually(async () => inbox(owner).length === 1, 'the verification email');
    const verified = await gql(first.url, MUTATIONS.verifyEmail, {
      token: tokenFromEmail(sendgrid.controls, owner, '/verify-email'),
      password: STRONG_PASSWORD,
      passwordConfirmation: STRONG_PASSWORD,
    });
    expect(verified.body.errors).toBeUndefined();
    sendgrid.controls.clear();
    sendgrid.controls.reset();

    // SendGrid goes down; two emails are asked for and refused at least twice each; the server dies.
    sendgrid.controls.setFaults({ down: 503 });
    expect((await gql(first.url, MUTATIONS.signup, { email: newcomer })).body.errors).toBeUndefined();
    expect((await gql(first.url, MUTATIONS.requestPasswordReset, { email: owner })).body.errors).toBeUndefined();
    await eventually(
      async () => [...answersById().values()].filter((answers) => answers.length >= 2).length === 2,
      'two emails each refused twice',
    );
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    // SendGrid is back before the server is.
    sendgrid.controls.setFaults({ down: null });
    expect(sendgrid.controls.messages()).toHaveLength(0);
    const second = await start(port);
    await eventually(async () => inbox(newcomer).length + inbox(owner).length >= 2, 'both emails after the restart');
    await eventually(async () => {
      const [row] = await db.dataSource.query<Array<{ n: number | string }>>(
        "SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'queued'",
      );
      return Number(row?.n) === 0;
    }, 'the outbox to empty');

    expect(inbox(newcomer).map((m) => m.subject)).toEqual(['Confirm your email address for Mobius']);
    expect(inbox(owner).map((m) => m.subject)).toEqual(['Reset your Mobius password']);
    for (const [, answers] of answersById()) expect(answers.filter((outcome) => outcome === 202)).toHaveLength(1);

    // Their links work on the restarted server.
    const verify = await gql(second.url, MUTATIONS.verifyEmail, {
      token: tokenFromEmail(sendgrid.controls, newcomer, '/verify-email'),
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(verify.body.errors).toBeUndefined();
    const reset = await gql(second.url, MUTATIONS.resetPassword, {
      token: tokenFromEmail(sendgrid.controls, owner, '/reset-password'),
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(reset.body.errors).toBeUndefined();
  });
});
