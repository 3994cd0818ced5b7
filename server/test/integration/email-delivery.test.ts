import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { BULLMQ_QUEUE_NAME } from '../../src/queue/bullmq-job-queue';
import type { AnsweredRequest } from '../../src/simulators/sendgrid/sendgrid.faults';
import { testDialects } from '../support/databases';
import { deleteRedisKeys, eventually, TEST_REDIS_URL } from '../support/queues';
import {
  createVerifiedAccount,
  freshIp,
  gql,
  MUTATIONS,
  resetBudgets,
  startTestServer,
  tokenFromEmail,
  type TestServer,
} from '../support/test-server';

/**
 * Emails survive SendGrid's failures (docs/email-delivery.md): the outbox and the `mail.send` job on the embedded
 * queue (SQLite, MySQL) and on BullMQ. Retries are fast here (50 ms doubling to 200 ms); SendGrid's outage is a
 * switch of its simulator, flipped back once each email has been refused five times: no wall-clock waits.
 */

type Backend = 'embedded on sqlite' | 'embedded on mysql' | 'bullmq';
const backends: Backend[] = [...testDialects.map((dialect): Backend => `embedded on ${dialect}`), 'bullmq'];

const NEW_TEST_PASSWORD = 'A brand new passphrase 2026';
const FAST_RETRIES = { MAIL_RETRY_FIRST_DELAY_MS: '50', MAIL_RETRY_MAX_DELAY_MS: '200' };

/** A datetime(3) literal both SQLite and MySQL read back as the same UTC instant. */
const sqlDatetime = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 23);

type LogLine = Record<string, unknown> & { event?: string; level?: number };

describe.each(backends)('email delivery, %s', (backend) => {
  const dialect = backend === 'embedded on mysql' ? 'mysql' : 'sqlite';
  const bullmq = backend === 'bullmq';
  const prefixes: string[] = [];
  const servers: TestServer[] = [];
  let server: TestServer;

  /** A server on this backend (its own database unless `db` is given); closed after the suite. */
  const start = async (options: { env?: Record<string, string>; db?: TestServer['db']; prefix?: string } = {}) => {
    const prefix = options.prefix ?? `mobius-mail-${randomBytes(4).toString('hex')}`;
    if (bullmq && !prefixes.includes(prefix)) prefixes.push(prefix);
    const started = await startTestServer({
      dialect,
      db: options.db,
      env: { ...FAST_RETRIES, ...options.env },
      queue: bullmq ? { redisUrl: TEST_REDIS_URL, prefix } : undefined,
    });
    servers.push(started);
    return started;
  };

  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    for (const started of servers.reverse()) await started.close();
    for (const prefix of prefixes) await deleteRedisKeys(TEST_REDIS_URL, prefix);
  });
  beforeEach(async () => {
    await server.settle();
    await resetBudgets(server);
    server.mail.reset();
    server.mail.clear();
  });

  const signup = (target: TestServer, email: string) => gql(target.url, MUTATIONS.signup, { email }, { ip: freshIp() });
  const requestReset = (email: string) => gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
  const logLines = (target: TestServer): LogLine[] =>
    target.logs
      .flatMap((chunk) => chunk.split('\n').filter((line) => line.startsWith('{')))
      .map((line) => JSON.parse(line) as LogLine);
  /** SendGrid's answers per email, by the id Mobius put in custom_args. */
  const answersById = () => {
    const byId = new Map<string, Array<AnsweredRequest['outcome']>>();
    for (const request of server.mail.requests()) {
      const id = request.customArgs?.mobius_email_id;
      if (id) byId.set(id, [...(byId.get(id) ?? []), request.outcome]);
    }
    return byId;
  };
  const outboxOf = async (email: string) =>
    await server.db.dataSource.query<Array<{ id: string; status: string; sealed: string | null; attempts: number }>>(
      'SELECT id, status, sealed, attempts FROM email_outbox WHERE accountId = (SELECT id FROM accounts WHERE email = ?) ORDER BY createdAt',
      [email],
    );

  it('delivers every verification and reset email exactly once after SendGrid answered 503 for a while', async () => {
    const owner = 'outage.owner@acme-msp.test';
    const newcomer = 'outage.newcomer@acme-msp.test';
    await createVerifiedAccount(server, owner);
    await resetBudgets(server);
    server.mail.reset();
    server.mail.clear();

    server.mail.setFaults({ down: 503 });
    for (const res of [await signup(server, newcomer), await signup(server, owner), await requestReset(owner)]) {
      expect(res.body.errors).toBeUndefined();
    }
    // Three emails (verification, "already registered", reset), each refused five times: longer than any fixed
    // handful of quick retries would last.
    await eventually(
      async () => [...answersById().values()].filter((answers) => answers.length >= 5).length === 3,
      'three emails each refused five times',
    );
    expect(server.mail.messages()).toHaveLength(0);
    // What waits at rest meanwhile: the outbox rows and the jobs (checked against the links once they arrive).
    const atRest = JSON.stringify([
      await server.db.dataSource.query('SELECT * FROM email_outbox'),
      bullmq
        ? (await withInspector(prefixes[0], (inspector) => inspector.getJobs())).map((job) => job.data)
        : await server.db.dataSource.query('SELECT * FROM queue_jobs'),
    ]);
    server.mail.setFaults({ down: null });
    await server.settle();

    const messages = server.mail.messages();
    expect(messages.map((m) => [m.to[0]?.email, m.subject]).sort()).toEqual([
      [newcomer, 'Confirm your email address for Mobius'],
      [owner, 'Reset your Mobius password'],
      [owner, 'You already have a Mobius account'],
    ]);
    for (const [, answers] of answersById()) {
      expect(answers.filter((outcome) => outcome === 202)).toHaveLength(1);
      expect(answers.filter((outcome) => outcome === 503).length).toBeGreaterThanOrEqual(5);
    }
    // The links still work.
    const verified = await gql(
      server.url,
      MUTATIONS.verifyEmail,
      {
        token: tokenFromEmail(server.mail, newcomer, '/verify-email'),
        password: NEW_TEST_PASSWORD,
        passwordConfirmation: NEW_TEST_PASSWORD,
      },
      { ip: freshIp() },
    );
    expect(verified.body.errors).toBeUndefined();
    const reset = await gql(
      server.url,
      MUTATIONS.resetPassword,
      {
        token: tokenFromEmail(server.mail, owner, '/reset-password'),
        password: NEW_TEST_PASSWORD,
        passwordConfirmation: NEW_TEST_PASSWORD,
      },
      { ip: freshIp() },
    );
    expect(reset.body.errors).toBeUndefined();
    // Neither the links' tokens nor the addresses were ever stored in clear (docs/email-delivery.md §6).
    expect(atRest).toContain('"status":"queued"');
    for (const secret of [
      tokenFromEmail(server.mail, newcomer, '/verify-email'),
      tokenFromEmail(server.mail, owner, '/reset-password'),
      newcomer,
      owner,
    ]) {
      expect(atRest).not.toContain(secret);
    }
    const lines = logLines(server);
    expect(lines.filter((line) => line.event === 'mail.retry').length).toBeGreaterThanOrEqual(15);
    expect(lines.filter((line) => line.event === 'mail.failed')).toEqual([]);
  });

  it('fails a permanently refused email at once, with one error line naming its id and never its address', async () => {
    const address = 'refused.recipient@acme-msp.test';
    server.mail.failNext(400);
    expect((await signup(server, address)).body.errors).toBeUndefined();
    await server.settle();

    const [row, ...others] = await outboxOf(address);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ status: 'failed', sealed: null, attempts: 1 });
    expect(answersById().get(row.id)).toEqual([400]);
    const failed = logLines(server).filter((line) => line.event === 'mail.failed' && line.emailId === row.id);
    expect(failed).toEqual([
      expect.objectContaining({
        level: 50,
        emailId: row.id,
        jobId: `mail-send-${row.id}`,
        category: 'verify-email',
        reason: 'refused',
        status: 400,
        attempts: 1,
      }),
    ]);
    const everything = server.logs.join('');
    expect(everything).not.toContain(address);
    expect(everything).not.toContain('token=');
  });

  it('sends nothing when the job of an email already sent is delivered again', async () => {
    const address = 'delivered.twice@acme-msp.test';
    await signup(server, address);
    await server.settle();
    const [sent] = server.mail.messages();
    const emailId = String(
      sent?.payload.custom_args && (sent.payload.custom_args as Record<string, string>).mobius_email_id,
    );
    expect((await outboxOf(address)).map((row) => [row.id, row.status])).toEqual([[emailId, 'sent']]);

    // At least once: the queue may run the same job again (a worker died before recording that it finished).
    await server.app.queue.add('mail.send', { emailId }, { jobId: `mail-send-${emailId}` });
    await server.settle();
    expect(server.mail.messages()).toHaveLength(1);
    expect(answersById().get(emailId)).toEqual([202]);
  });

  it('sends an email whose job went missing once the outbox sweep finds it overdue', async () => {
    const address = 'lost.job@acme-msp.test';
    server.mail.setFaults({ down: 503 });
    await signup(server, address);
    await eventually(async () => (await outboxOf(address))[0]?.attempts === 1, 'a first failed attempt');
    const emailId = String((await outboxOf(address))[0]?.id);

    // The job disappears (a Redis without persistence restarted, or a job failed while the database was away).
    await eventually(async () => removeMailJob(emailId), 'the email job to be removed');
    server.mail.setFaults({ down: null });
    await server.db.dataSource.query('UPDATE email_outbox SET nextAttemptAt = ? WHERE id = ?', [
      sqlDatetime(new Date(Date.now() - 3600_000)),
      emailId,
    ]);
    expect((await server.app.services.mail.sweep()).requeued).toBe(1);
    await server.settle();
    expect(server.mail.messages().map((m) => m.to[0]?.email)).toEqual([address]);
    expect(
      answersById()
        .get(emailId)
        ?.filter((outcome) => outcome === 202),
    ).toHaveLength(1);
  });

  async function withInspector<T>(prefix: string, work: (inspector: Queue) => Promise<T>): Promise<T> {
    const inspector = new Queue(BULLMQ_QUEUE_NAME, { connection: { url: TEST_REDIS_URL }, prefix });
    try {
      return await work(inspector);
    } finally {
      await inspector.close();
    }
  }

  /** Removes the waiting (delayed) `mail.send` job of an email; false while it is running. */
  async function removeMailJob(emailId: string): Promise<boolean> {
    if (!bullmq) {
      const jobId = `mail-send-${emailId}`;
      await server.db.dataSource.query("DELETE FROM queue_jobs WHERE dedupKey = ? AND status = 'waiting'", [jobId]);
      const [row] = await server.db.dataSource.query<Array<{ n: number | string }>>(
        'SELECT COUNT(*) AS n FROM queue_jobs WHERE dedupKey = ?',
        [jobId],
      );
      return Number(row?.n) === 0;
    }
    return withInspector(prefixes[0], async (inspector) => {
      const jobs = await inspector.getJobs(['delayed', 'waiting']);
      const job = jobs.find((candidate) => candidate.name === 'mail.send' && candidate.data?.emailId === emailId);
      if (!job) return false;
      return job.remove().then(
        () => true,
        () => false,
      );
    });
  }

  it('queues the email of a sign-up whose first try failed after the account was made, budget intact', async () => {
    // The outbox refuses writes for a while: the job fails after creating the account, where spending the email
    // budget first would have left a spent budget and no email.
    const address = 'interrupted.signup@acme-msp.test';
    await server.db.dataSource.query(
      dialect === 'mysql'
        ? "CREATE TRIGGER outbox_down BEFORE INSERT ON email_outbox FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'outbox unavailable'"
        : "CREATE TRIGGER outbox_down BEFORE INSERT ON email_outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END",
    );
    try {
      await signup(server, address);
      await eventually(
        async () => logLines(server).some((line) => line.event === 'auth.email_request_retry'),
        'the sign-up job to fail once',
      );
      expect((await server.db.dataSource.query('SELECT id FROM accounts WHERE email = ?', [address])).length).toBe(1);
    } finally {
      await server.db.dataSource.query('DROP TRIGGER outbox_down');
    }
    await server.settle();
    expect(server.mail.messages().map((m) => [m.to[0]?.email, m.subject])).toEqual([
      [address, 'Confirm your email address for Mobius'],
    ]);
    expect((await outboxOf(address)).map((row) => row.status)).toEqual(['sent']);
  });

  it.each([
    ['a new address (verification email)', false, 'Confirm your email address for Mobius'],
    ['a verified account ("already registered" email)', true, 'You already have a Mobius account'],
  ])(
    'queues one email for ten parallel sign-ups of %s: the budget is spent with the email, one at a time',
    async (_what, verifiedFirst, subject) => {
      const busy = await start({ env: { QUEUE_CONCURRENCY: '10' } });
      const address = `parallel.budget.${verifiedFirst ? 'verified' : 'new'}@acme-msp.test`;
      if (verifiedFirst) await createVerifiedAccount(busy, address);
      else {
        await signup(busy, address);
        await busy.settle();
      }
      busy.mail.clear();
      await busy.db.dataSource.query('DELETE FROM rate_limits');
      // The account exists and its minute has passed: ten requests race for one email.
      await busy.db.dataSource.query('UPDATE email_outbox SET createdAt = ?', [
        sqlDatetime(new Date(Date.now() - 120_000)),
      ]);
      const answers = await Promise.all(Array.from({ length: 10 }, () => signup(busy, address)));
      expect(answers.map((res) => res.body)).toEqual(Array(10).fill({ data: { signup: true } }));
      await busy.settle();
      expect(busy.mail.messages().map((m) => [m.to[0]?.email, m.subject])).toEqual([[address, subject]]);
    },
  );

  it('answers sign-ups and resets once a sealed job is stored, before any account is looked at; a worker sends', async () => {
    const prefix = `mobius-mail-${randomBytes(4).toString('hex')}`;
    // A web process that only enqueues (QUEUE_CONCURRENCY=0): the answers cannot depend on any account.
    const web = await start({ env: { QUEUE_CONCURRENCY: '0' }, prefix });
    const address = 'queued.only@acme-msp.test';
    const answers = [
      await signup(web, address),
      await gql(web.url, MUTATIONS.requestPasswordReset, { email: 'nobody.here@acme-msp.test' }, { ip: freshIp() }),
    ];
    expect(answers.map((res) => res.body)).toEqual([
      { data: { signup: true } },
      { data: { requestPasswordReset: true } },
    ]);
    expect(await web.db.dataSource.query('SELECT id FROM accounts')).toEqual([]);
    const stored = bullmq
      ? await withInspector(prefix, async (inspector) =>
          (await inspector.getJobs(['waiting'])).map((job) => ({ name: job.name, data: JSON.stringify(job.data) })),
        )
      : await web.db.dataSource.query<Array<{ name: string; data: string }>>('SELECT name, data FROM queue_jobs');
    // One job each, of one shape: a request id, a time and a sealed payload.
    expect(stored.map((job) => job.name).sort()).toEqual(['auth.reset-email', 'auth.signup-email']);
    for (const job of stored) {
      // The HTTP request's id rides along for the logs; everything about the person is sealed.
      expect(Object.keys(JSON.parse(job.data) as object).sort()).toEqual([
        'reqId',
        'requestId',
        'requestedAt',
        'sealed',
      ]);
      expect(job.data).not.toMatch(/queued\.only|nobody\.here/);
    }

    const worker = await start({ db: web.db, prefix });
    await worker.settle();
    expect(worker.mail.messages().map((m) => m.to[0]?.email)).toEqual([address]);
  });
});
