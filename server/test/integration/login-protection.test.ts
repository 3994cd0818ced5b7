import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  tokenFromEmail,
  type GraphQLResponse,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** docs/login-protection.md: budgets spent before the compare, device cookies, a reset lifts the lock. */

const LOCKOUT =
  /^Too many failed login attempts\. Please try again in 1[45] minutes, or use Forgot Password to choose a new password and log in now\.$/;
const NEW_PASSWORD = 'A brand new passphrase 2026';
/** Tests that spend the account's 50 bcrypt compares, on a machine shared with other work. */
const SLOW = 300_000;

type LoginResponse = GraphQLResponse<{ login: { token: string } }>;

function deviceCookieOf(res: GraphQLResponse): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mobius_device='));
  if (!cookie) throw new Error(`no device cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return cookie.split(';')[0];
}

function count(responses: GraphQLResponse[], code: string): number {
  return responses.filter((r) => errorOf(r).code === code).length;
}

describe.each(testDialects)('login protection on %s', (dialect) => {
  const server = useTestServer(dialect);

  const login = (email: string, password: string, options: { ip?: string; cookie?: string } = {}) =>
    gql<{ login: { token: string } }>(
      server.url,
      MUTATIONS.login,
      { email, password },
      { ip: options.ip ?? freshIp(), cookie: options.cookie },
    ) as Promise<LoginResponse>;

  /** `perClient` failures from each of `clients` fresh addresses, each client's in parallel. */
  async function strangersFail(email: string, clients: number, perClient = 10): Promise<void> {
    for (let c = 0; c < clients; c += 1) {
      const ip = freshIp();
      const answers = await Promise.all(
        Array.from({ length: perClient }, (_v, i) => login(email, `Stranger guess ${c}-${i}`, { ip })),
      );
      for (const answer of answers) expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(errorOf(answer).code);
    }
  }

  it('compares at most 10 of 40 parallel wrong logins from one client; the rest are RATE_LIMITED', async () => {
    await createVerifiedAccount(server, 'parallel.wrong@acme-msp.test');
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_v, i) => login('parallel.wrong@acme-msp.test', `Wrong password ${i}`, { ip })),
    );
    expect(count(answers, 'UNAUTHENTICATED')).toBe(10);
    expect(count(answers, 'RATE_LIMITED')).toBe(30);
    for (const refused of answers.filter((r) => errorOf(r).code === 'RATE_LIMITED')) {
      expect(errorOf(refused).message).toMatch(LOCKOUT);
      expect(refused.body.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
    const compared = server.logs.filter(
      (line) => line.includes('"event":"auth.login_failed"') && line.includes(`"ip":"${ip}"`),
    );
    expect(compared).toHaveLength(10);
  });

  it('gives no session to the right password sent 25th of 30 parallel attempts beyond the limit', async () => {
    const { accountId } = await createVerifiedAccount(server, 'parallel.right@acme-msp.test');
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_v, i) =>
        login('parallel.right@acme-msp.test', i === 24 ? STRONG_PASSWORD : `Wrong password ${i}`, { ip }),
      ),
    );
    const right = answers[24];
    const failures = count(answers, 'UNAUTHENTICATED');
    const signedIn = answers.filter((r) => r.body.data?.login);
    // Only 10 attempts reach the password check; the right one gets in only if it was one of them.
    expect(failures + signedIn.length).toBe(10);
    expect(count(answers, 'RATE_LIMITED')).toBe(20);
    if (right.body.data?.login) {
      expect(failures).toBeLessThanOrEqual(9);
    } else {
      expect(errorOf(right).code).toBe('RATE_LIMITED');
      expect(right.headers.getSetCookie()).toEqual([]);
      expect(server.logs.some((l) => l.includes('"event":"auth.login"') && l.includes(accountId))).toBe(false);
    }
  });

  it(
    'does not let strangers on many addresses lock out a browser with a device cookie',
    async () => {
      const email = 'device.owner@acme-msp.test';
      await createVerifiedAccount(server, email);
      const ownerIp = freshIp();
      const first = await login(email, STRONG_PASSWORD, { ip: ownerIp });
      expect(first.body.errors).toBeUndefined();
      const device = deviceCookieOf(first);
      expect(first.headers.getSetCookie().find((c) => c.startsWith('mobius_device='))).toMatch(
        /; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/,
      );

      // 50 failures from 5 addresses: the account is locked for every client without a device cookie…
      await strangersFail(email, 5);
      const untrusted = await login(email, STRONG_PASSWORD);
      expect(errorOf(untrusted).code).toBe('RATE_LIMITED');
      expect(errorOf(untrusted).message).toMatch(LOCKOUT);
      // …the owner's own address is not enough, nor a cookie of another account or a tampered one…
      expect(errorOf(await login(email, STRONG_PASSWORD, { ip: ownerIp })).code).toBe('RATE_LIMITED');
      await createVerifiedAccount(server, 'device.other@acme-msp.test');
      const otherDevice = deviceCookieOf(await login('device.other@acme-msp.test', STRONG_PASSWORD));
      expect(errorOf(await login(email, STRONG_PASSWORD, { cookie: otherDevice })).code).toBe('RATE_LIMITED');
      const tampered = device.replace(/\.([A-Za-z0-9_-])([A-Za-z0-9_-]{21})\./, (_m, c: string, rest: string) =>
        c === 'A' ? `.B${rest}.` : `.A${rest}.`,
      );
      expect(tampered).not.toBe(device);
      expect(errorOf(await login(email, STRONG_PASSWORD, { cookie: tampered })).code).toBe('RATE_LIMITED');
      // …but the browser that logged in before still can, from any address.
      const trusted = await login(email, STRONG_PASSWORD, { cookie: device, ip: freshIp() });
      expect(trusted.body.errors).toBeUndefined();
      expect(trusted.body.data?.login.token).toEqual(expect.any(String));
    },
    SLOW,
  );

  it('gives a trusted device its own budget of 10 failures', async () => {
    const email = 'device.budget@acme-msp.test';
    await createVerifiedAccount(server, email);
    const device = deviceCookieOf(await login(email, STRONG_PASSWORD));
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) {
      expect(errorOf(await login(email, `Wrong password ${i}`, { cookie: device, ip })).code).toBe('UNAUTHENTICATED');
    }
    const locked = await login(email, STRONG_PASSWORD, { cookie: device, ip });
    expect(errorOf(locked).message).toMatch(LOCKOUT);
    // Its failures did not touch the budget of other clients.
    expect((await login(email, STRONG_PASSWORD, { ip })).body.errors).toBeUndefined();
  });

  it(
    'lifts the lockout of the account when its password is reset',
    async () => {
      const email = 'reset.lifts@acme-msp.test';
      await createVerifiedAccount(server, email);
      const lockedIp = freshIp();
      // This client used up its own budget, and strangers used up the account's.
      for (let i = 0; i < 10; i += 1) await login(email, `Wrong password ${i}`, { ip: lockedIp });
      await strangersFail(email, 4);
      expect(errorOf(await login(email, STRONG_PASSWORD, { ip: lockedIp })).message).toMatch(LOCKOUT);
      expect(errorOf(await login(email, STRONG_PASSWORD)).message).toMatch(LOCKOUT);

      await server.settle();
      server.mail.clear();
      await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: lockedIp });
      await server.settle();
      const token = tokenFromEmail(server.mail, email, '/reset-password');
      const reset = await gql(
        server.url,
        MUTATIONS.resetPassword,
        { token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
        { ip: freshIp() },
      );
      expect(reset.body.errors).toBeUndefined();

      expect((await login(email, NEW_PASSWORD, { ip: lockedIp })).body.errors).toBeUndefined();
      expect((await login(email, NEW_PASSWORD)).body.errors).toBeUndefined();
    },
    SLOW,
  );
});
