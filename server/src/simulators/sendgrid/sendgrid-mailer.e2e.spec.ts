// The production mailer against this simulator on loopback: a test-only crossing of the wall, so both sides are
// proven against each other (simulators never import integrations in product code).
// eslint-disable-next-line no-restricted-imports
import { createSendGridMailer, SendGridError, type Mailer } from '../../integrations/sendgrid/sendgrid-mailer';
import { startSendGridSimulator } from './sendgrid.simulator';

type Sim = Awaited<ReturnType<typeof startSendGridSimulator>>;

const email = {
  to: 'dana@acme-msp.test',
  subject: 'Hello',
  text: 'Follow https://mobius.test/verify-email?token=secret-token',
  html: '<p>hi</p>',
  category: 'verify-email',
  customArgs: { mobius_email_id: 'e-1' },
};

/** The real @sendgrid/mail client against the simulator: what each SendGrid answer becomes (docs/vendors/sendgrid.md §2). */
describe('SendGrid mailer', () => {
  let sim: Sim;
  let mailer: Mailer;
  beforeAll(async () => {
    sim = await startSendGridSimulator();
    mailer = createSendGridMailer({
      apiKey: 'SG.test',
      baseUrl: sim.url,
      from: { email: 'no-reply@mobius.test', name: 'Mobius' },
    });
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.controls.reset();
    sim.controls.clear();
  });

  const failureOf = async (): Promise<SendGridError> => {
    const error = await mailer.send(email).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SendGridError);
    return error as SendGridError;
  };

  it('returns SendGrid message id and passes the custom_args along', async () => {
    const sent = await mailer.send(email);
    const [received] = sim.controls.messages();
    expect(sent.messageId).toBe(received?.id);
    expect(received?.payload.custom_args).toEqual({ mobius_email_id: 'e-1' });
    expect(received?.payload.categories).toEqual(['verify-email']);
  });

  it.each([500, 502, 503, 504] as const)('calls %i transient', async (status) => {
    sim.controls.failNext(status);
    expect(await failureOf()).toMatchObject({ status, transient: true, message: `SendGrid answered ${status}` });
  });

  it('calls 429 transient and reads how long to wait from X-RateLimit-Reset', async () => {
    sim.controls.setFaults({ failNext: 1, failStatus: 429, rateLimitResetSeconds: 20 });
    const failure = await failureOf();
    expect(failure).toMatchObject({ status: 429, transient: true });
    expect(failure.retryAfterMs).toBeGreaterThan(18_000);
    expect(failure.retryAfterMs).toBeLessThanOrEqual(21_000);
  });

  it.each([400, 401, 403, 413] as const)('calls %i permanent', async (status) => {
    sim.controls.failNext(status);
    expect(await failureOf()).toMatchObject({ status, transient: false });
  });

  it('names the fields SendGrid refused, never their values', async () => {
    const failure = await mailer.send({ ...email, to: 'not an address' }).then(
      () => undefined,
      (e: unknown) => e as SendGridError,
    );
    expect(failure).toMatchObject({ status: 400, transient: false });
    expect(failure?.message).toBe('SendGrid refused the email (400: personalizations.0.to.0.email)');
  });

  it('calls a dropped connection transient, with no status and nothing of the request in the error', async () => {
    sim.controls.setFaults({ dropNext: 1 });
    const failure = await failureOf();
    expect(failure).toMatchObject({ status: undefined, transient: true });
    expect(failure.message).toMatch(/^SendGrid could not be reached \(/);
    const everything = JSON.stringify({ ...failure, message: failure.message, stack: failure.stack });
    expect(everything).not.toContain('dana@acme-msp.test');
    expect(everything).not.toContain('secret-token');
  });

  it('calls a refused connection transient', async () => {
    const nowhere = createSendGridMailer({
      apiKey: 'SG.test',
      baseUrl: 'http://127.0.0.1:9',
      from: { email: 'no-reply@mobius.test', name: 'Mobius' },
    });
    const failure = await nowhere.send(email).then(
      () => undefined,
      (e: unknown) => e as SendGridError,
    );
    expect(failure).toMatchObject({
      status: undefined,
      transient: true,
      message: 'SendGrid could not be reached (ECONNREFUSED)',
    });
  });
});

describe('the SendGrid mailer against the SendGrid simulator: deadlines', () => {
  let sim: Awaited<ReturnType<typeof startSendGridSimulator>>;
  beforeAll(async () => {
    sim = await startSendGridSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  const mailer = (timeoutMs: number) =>
    createSendGridMailer({
      apiKey: 'SG.test-key',
      baseUrl: sim.url,
      from: { email: 'no-reply@mobius.test', name: 'Mobius' },
      timeoutMs,
    });
  const email = (to: string) => ({ to, subject: 'Hello', text: 'Hello', html: '<p>Hello</p>', category: 'test' });

  it('delivers to the mailbox', async () => {
    await mailer(5000).send(email('ok@acme-msp.test'));
    expect(sim.controls.messages().map((m) => m.to[0]?.email)).toContain('ok@acme-msp.test');
  });

  it('ends a send that SendGrid never answers at the deadline, with a clear timeout error', async () => {
    sim.controls.hangNext(1);
    const error = await mailer(200)
      .send(email('hung@acme-msp.test'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SendGridError);
    expect(error).toMatchObject({ message: 'SendGrid did not answer within 200 ms', timedOut: true });
    // The next send goes through.
    await mailer(5000).send(email('after@acme-msp.test'));
    expect(sim.controls.messages().map((m) => m.to[0]?.email)).toContain('after@acme-msp.test');
  });

  it('reports a refusal with its status', async () => {
    sim.controls.failNext(503);
    await expect(mailer(5000).send(email('refused@acme-msp.test'))).rejects.toMatchObject({
      status: 503,
      timedOut: false,
    });
  });
});
