import { startSendGridSimulator } from './sendgrid.simulator';

type Sim = Awaited<ReturnType<typeof startSendGridSimulator>>;

const message = (id: string) => ({
  from: { email: 'no-reply@mobius.test' },
  subject: 'Hello',
  personalizations: [{ to: [{ email: 'dana@acme-msp.test' }] }],
  content: [{ type: 'text/plain', value: 'hi' }],
  custom_args: { mobius_email_id: id },
});

describe('SendGrid simulator faults', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSendGridSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.controls.reset();
    sim.controls.clear();
  });

  const send = (id: string) =>
    fetch(`${sim.url}/v3/mail/send`, {
      method: 'POST',
      headers: { authorization: 'Bearer SG.test', 'content-type': 'application/json' },
      body: JSON.stringify(message(id)),
    });
  const control = (path: string, body?: unknown) =>
    fetch(`${sim.url}/__control${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('answers every send with the outage status while "down", as SendGrid words it, then accepts again', async () => {
    expect((await control('/faults', { down: 503 })).status).toBe(200);
    for (const id of ['a', 'b']) {
      const res = await send(id);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        errors: [{ message: 'The SendGrid v3 Web API is not available.', field: null, help: null }],
      });
    }
    await control('/faults', { down: null });
    const ok = await send('c');
    expect(ok.status).toBe(202);
    expect(ok.headers.get('x-message-id')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sim.controls.messages()).toHaveLength(1);
    const log = (await (await control('/requests')).json()) as Array<{ outcome: unknown; customArgs?: unknown }>;
    expect(log.map((entry) => [entry.outcome, entry.customArgs])).toEqual([
      [503, { mobius_email_id: 'a' }],
      [503, { mobius_email_id: 'b' }],
      [202, { mobius_email_id: 'c' }],
    ]);
  });

  it('rate-limits with 429, the X-RateLimit headers and a reset time in epoch seconds', async () => {
    sim.controls.setFaults({ failNext: 1, failStatus: 429, rateLimitResetSeconds: 30 });
    const before = Math.floor(Date.now() / 1000);
    const res = await send('x');
    expect(res.status).toBe(429);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 30);
    expect(reset).toBeLessThanOrEqual(before + 32);
    expect(await res.json()).toEqual({ errors: [{ message: 'too many requests', field: null, help: null }] });
    expect((await send('y')).status).toBe(202);
  });

  it('fails exactly the next N sends', async () => {
    sim.controls.failNext(500, 2);
    expect([(await send('1')).status, (await send('2')).status, (await send('3')).status]).toEqual([500, 500, 202]);
  });

  it('drops the connection before answering, or after accepting the email', async () => {
    sim.controls.setFaults({ dropNext: 1, acceptThenDropNext: 1 });
    await expect(send('dropped')).rejects.toThrow();
    expect(sim.controls.messages()).toHaveLength(0);
    await expect(send('accepted')).rejects.toThrow();
    expect(sim.controls.messages().map((m) => m.payload.custom_args)).toEqual([{ mobius_email_id: 'accepted' }]);
    expect((await send('after')).status).toBe(202);
  });

  it('refuses a switch it does not know or a status SendGrid does not answer, naming the field', async () => {
    const unknown = await control('/faults', { slow: true });
    expect(unknown.status).toBe(400);
    const badStatus = await control('/faults', { down: 418 });
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(await badStatus.json())).toContain('down: a status is one of');
    expect(sim.controls.faults().down).toBeNull();
  });
});
