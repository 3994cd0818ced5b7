import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  tokenFromEmail,
  passEmailMinute,
  resetBudgets,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

const NEW_PASSWORD = 'A brand new passphrase 2026';

describe.each(testDialects)('forgot password on %s', (dialect) => {
  const server = useTestServer(dialect, { clearMail: true });

  const requestReset = (email: unknown, ip = freshIp()) =>
    gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip });
  const reset = (token: string, password = NEW_PASSWORD, confirmation = password) =>
    gql<{ resetPassword: { token: string; account: { email: string } } }>(
      server.url,
      MUTATIONS.resetPassword,
      { token, password, passwordConfirmation: confirmation },
      { ip: freshIp() },
    );
  const login = (email: string, password: string) =>
    gql(server.url, MUTATIONS.login, { email, password }, { ip: freshIp() });

  it('answers the same for known and unknown addresses and emails only the known one', async () => {
    await createVerifiedAccount(server, 'reset.known@acme-msp.test');
    server.mail.clear();
    await resetBudgets(server);
    const known = await requestReset('reset.known@acme-msp.test');
    const unknown = await requestReset('reset.unknown@acme-msp.test');
    expect(known.status).toBe(unknown.status);
    expect(known.raw).toBe(unknown.raw);
    expect(known.body).toEqual({ data: { requestPasswordReset: true } });
    await server.settle();
    const messages = server.mail.messages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.to).toEqual([{ email: 'reset.known@acme-msp.test' }]);
    expect(messages[0]?.subject).toBe('Reset your Mobius password');
    expect(messages[0]?.text).toContain(`${server.url}/reset-password?token=`);
  });

  it('resets the password, ends every other session and tells the user by email', async () => {
    const { token: oldSession } = await createVerifiedAccount(server, 'reset.flow@acme-msp.test');
    await resetBudgets(server);
    await requestReset(' Reset.Flow@ACME-msp.test ');
    await server.settle();
    const token = tokenFromEmail(server.mail, 'reset.flow@acme-msp.test', '/reset-password');
    // Asking for a reset changes nothing yet.
    expect((await login('reset.flow@acme-msp.test', STRONG_PASSWORD)).body.errors).toBeUndefined();

    const res = await reset(token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.resetPassword.account.email).toBe('reset.flow@acme-msp.test');
    expect(res.headers.get('set-cookie')).toMatch(/mobius_session=/);
    const ended = await gql(server.url, MUTATIONS.me, {}, { token: oldSession });
    expect({ status: ended.status, code: errorOf(ended).code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(
      (await gql(server.url, MUTATIONS.me, {}, { token: res.body.data?.resetPassword.token })).body.data,
    ).toMatchObject({
      me: { email: 'reset.flow@acme-msp.test' },
    });
    expect(errorOf(await login('reset.flow@acme-msp.test', STRONG_PASSWORD)).code).toBe('UNAUTHENTICATED');
    expect((await login('reset.flow@acme-msp.test', NEW_PASSWORD)).body.errors).toBeUndefined();
    expect(errorOf(await reset(token, 'Yet another passphrase 99')).code).toBe('INVALID_TOKEN');

    await server.settle();
    const changed = server.mail.messages().find((m) => m.subject === 'Your Mobius password was changed');
    expect(changed?.to).toEqual([{ email: 'reset.flow@acme-msp.test' }]);
    expect(changed?.text).not.toContain(NEW_PASSWORD);
    expect(changed?.html).not.toContain(NEW_PASSWORD);
  });

  it('sends at most one reset email a minute to one account, with the same answer every time', async () => {
    await createVerifiedAccount(server, 'reset.flood@acme-msp.test');
    server.mail.clear();
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push((await requestReset('reset.flood@acme-msp.test')).raw);
    await server.settle();
    expect(new Set(answers)).toEqual(new Set([JSON.stringify({ data: { requestPasswordReset: true } }) + '\n']));
    expect(server.mail.messages().filter((m) => m.subject === 'Reset your Mobius password')).toHaveLength(1);
  });

  it('still emails a reset link after sign-up noise has spent the sign-up email budget of the account', async () => {
    const email = 'reset.starved@acme-msp.test';
    await createVerifiedAccount(server, email);
    // Sign-ups on the verified address, one a minute (the emails of the last minute are moved two minutes back
    // to stand for the minute passing), until the account's daily sign-up budget is spent: the last sends nothing.
    const passMinute = () => passEmailMinute(server);
    for (let i = 0; i < 10; i += 1) {
      await passMinute();
      await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
      await server.settle();
    }
    const noticesTo = () =>
      server.mail
        .messages()
        .filter((m) => m.to[0]?.email === email && m.subject === 'You already have a Mobius account');
    expect(noticesTo()).toHaveLength(9);
    server.mail.clear();

    await passMinute();
    expect((await requestReset(email)).body).toEqual({ data: { requestPasswordReset: true } });
    await server.settle();
    const resets = server.mail.messages().filter((m) => m.to[0]?.email === email);
    expect(resets.map((m) => m.subject)).toEqual(['Reset your Mobius password']);
    expect(tokenFromEmail(server.mail, email, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('voids the first link once a second one is issued, and a reset link expires after an hour', async () => {
    await createVerifiedAccount(server, 'reset.twice@acme-msp.test');
    await resetBudgets(server);
    await requestReset('reset.twice@acme-msp.test');
    await server.settle();
    const first = tokenFromEmail(server.mail, 'reset.twice@acme-msp.test', '/reset-password');
    server.mail.clear();
    await resetBudgets(server);
    await requestReset('reset.twice@acme-msp.test');
    await server.settle();
    const second = tokenFromEmail(server.mail, 'reset.twice@acme-msp.test', '/reset-password');
    expect(errorOf(await reset(first)).code).toBe('INVALID_TOKEN');
    const rows = await server.db.dataSource.query<Array<{ expiresAt: string | Date; createdAt: string | Date }>>(
      "SELECT expiresAt, createdAt FROM single_use_tokens WHERE purpose = 'PASSWORD_RESET' AND usedAt IS NULL AND accountId = (SELECT id FROM accounts WHERE email = ?)",
      ['reset.twice@acme-msp.test'],
    );
    expect(rows).toHaveLength(1);
    const ttl = new Date(rows[0].expiresAt).getTime() - new Date(rows[0].createdAt).getTime();
    expect(ttl).toBe(60 * 60 * 1000);
    expect((await reset(second)).body.errors).toBeUndefined();
  });

  it('lets exactly one of ten parallel resets with one link succeed', async () => {
    await createVerifiedAccount(server, 'reset.race@acme-msp.test');
    await resetBudgets(server);
    await requestReset('reset.race@acme-msp.test');
    await server.settle();
    const token = tokenFromEmail(server.mail, 'reset.race@acme-msp.test', '/reset-password');
    const results = await Promise.all(Array.from({ length: 10 }, (_v, i) => reset(token, `${NEW_PASSWORD} #${i}`)));
    const winners = results.flatMap((r, i) => (r.body.data?.resetPassword ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => errorOf(r).code === 'INVALID_TOKEN')).toHaveLength(9);
    expect((await login('reset.race@acme-msp.test', `${NEW_PASSWORD} #${winners[0]}`)).body.errors).toBeUndefined();
  });

  it('applies the password policy on reset without burning the link', async () => {
    await createVerifiedAccount(server, 'reset.policy@acme-msp.test');
    await resetBudgets(server);
    await requestReset('reset.policy@acme-msp.test');
    await server.settle();
    const token = tokenFromEmail(server.mail, 'reset.policy@acme-msp.test', '/reset-password');
    expect(errorOf(await reset(token, 'password1234'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(errorOf(await reset(token, NEW_PASSWORD, 'different confirmation'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'passwordConfirmation',
    });
    expect((await reset(token)).body.errors).toBeUndefined();
  });

  it.each([[''], ['not-an-email'], ['a@x.com,b@evil.test'], [`${'x'.repeat(300)}@x.com`]])(
    'rejects the malformed address %j with the field named',
    async (email) => {
      const res = await requestReset(email);
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
      await server.settle();
      expect(server.mail.messages()).toHaveLength(0);
    },
  );

  it('never sends to extra addresses given as an array', async () => {
    const res = await requestReset(['victim@acme-msp.test', 'attacker@evil.test']);
    expect(res.status).toBe(400);
    await server.settle();
    expect(server.mail.messages()).toHaveLength(0);
  });

  it('throttles guessing of link tokens from one client', async () => {
    const ip = freshIp();
    const attempt = () =>
      gql(
        server.url,
        MUTATIONS.resetPassword,
        { token: 'A'.repeat(43), password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
        { ip },
      );
    for (let i = 0; i < 10; i += 1) expect(errorOf(await attempt()).code).toBe('INVALID_TOKEN');
    const blocked = await attempt();
    expect(errorOf(blocked).code).toBe('RATE_LIMITED');
    expect(errorOf(blocked).message).toMatch(/Please try again in \d+ minutes?\./);
  });
});
