// The production mailer against this simulator on loopback: a test-only crossing of the wall.
// eslint-disable-next-line no-restricted-imports
import { createSendGridMailer, SendGridError } from '../../integrations/sendgrid/sendgrid-mailer';
import { startSendGridSimulator } from './sendgrid.simulator';

describe('the SendGrid mailer against the SendGrid simulator', () => {
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
