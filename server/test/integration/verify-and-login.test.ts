import { createHmac } from 'node:crypto';
import bcrypt from 'bcryptjs';
import jwt from 'jsonwebtoken';
import { Account } from '../../src/modules/account/account.entity';
import { SingleUseTokenRecord } from '../../src/modules/tokens/single-use-token.entity';
import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  testSecrets,
  tokenFromEmail,
  sessionCookieSet,
  sessionCookie,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** The "kid points to /dev/null" attack: an HMAC made with an empty key. */
function signedWithEmptyKey(header: object, payload: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part(header)}.${part(payload)}`;
  return `${body}.${createHmac('sha256', Buffer.alloc(0)).update(body).digest('base64url')}`;
}

/** What a refused `Authorization` credential answers (with HTTP 401). */
const REFUSED = { errors: [{ message: 'Invalid or revoked API token.', extensions: { code: 'UNAUTHENTICATED' } }] };

const TOO_GUESSABLE = expect.stringMatching(/^This password is too easy to guess\. \S/);

describe.each(testDialects)('verifying an email, logging in and out on %s', (dialect) => {
  // Room in the hashing pool for the 50 parallel logins below (docs/login-protection.md).
  const server = useTestServer(dialect, { env: { PASSWORD_HASH_MAX_WAITING: '64' } });

  async function signupToken(email: string): Promise<string> {
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    return tokenFromEmail(server.mail, email, '/verify-email');
  }
  const verify = (token: string, password = STRONG_PASSWORD, passwordConfirmation = password, ip = freshIp()) =>
    gql<{ verifyEmail: { token: string; account: { id: string; email: string; emailVerified: boolean } } }>(
      server.url,
      MUTATIONS.verifyEmail,
      { token, password, passwordConfirmation },
      { ip },
    );

  it('sets the password, verifies the email and signs in with an httpOnly SameSite cookie', async () => {
    const token = await signupToken('verify.me@acme-msp.test');
    const res = await verify(token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.verifyEmail.account).toMatchObject({ email: 'verify.me@acme-msp.test', emailVerified: true });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mobius_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await gql(server.url, MUTATIONS.me, {}, { cookie: sessionCookieSet(res) as string });
    expect(me.body.data).toEqual({
      me: {
        id: expect.any(String),
        email: 'verify.me@acme-msp.test',
        emailVerified: true,
        name: null,
        companyName: null,
      },
    });
    const viaBearer = await gql(server.url, MUTATIONS.me, {}, { token: res.body.data?.verifyEmail.token });
    expect(viaBearer.body.data).toEqual(me.body.data);
    const [row] = await server.db.dataSource.query<Array<{ passwordHash: string }>>(
      'SELECT passwordHash FROM accounts WHERE email = ?',
      ['verify.me@acme-msp.test'],
    );
    expect(bcrypt.getRounds(row.passwordHash)).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['short pw', 'short pw', 'password', 'Use at least 10 characters.'],
    [`${'a'.repeat(72)}X`, `${'a'.repeat(72)}X`, 'password', expect.stringMatching(/^Use at most 72 bytes/)],
    ['🙂'.repeat(19), '🙂'.repeat(19), 'password', expect.stringMatching(/^Use at most 72 bytes/)],
    ['password1234', 'password1234', 'password', TOO_GUESSABLE],
    ['123456789012', '123456789012', 'password', TOO_GUESSABLE],
    ['qwertyuiopas', 'qwertyuiopas', 'password', TOO_GUESSABLE],
    ['Password1234!', 'Password1234!', 'password', TOO_GUESSABLE],
    ['iloveyou2024', 'iloveyou2024', 'password', TOO_GUESSABLE],
    ['Summer2024!!', 'Summer2024!!', 'password', TOO_GUESSABLE],
    ['            ', '            ', 'password', 'A password cannot be only spaces.'],
    ['abc\u0000defghijkl', 'abc\u0000defghijkl', 'password', expect.stringMatching(/control characters/)],
    ['', '', 'password', 'Enter a password.'],
    [STRONG_PASSWORD, `${STRONG_PASSWORD}!`, 'passwordConfirmation', 'Passwords do not match.'],
  ])('refuses the password %j and keeps the link usable', async (password, confirmation, field, message) => {
    const token = await signupToken(`policy${Math.random().toString(36).slice(2)}@acme-msp.test`);
    const res = await verify(token, password, confirmation);
    expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field, message });
    expect((await verify(token)).body.data?.verifyEmail.account.emailVerified).toBe(true);
  });

  it("refuses a password made of the name typed at sign-up, with the estimator's feedback", async () => {
    await gql(
      server.url,
      MUTATIONS.signup,
      { email: 'named@acme-msp.test', name: 'Dana Whitfield', companyName: 'Acme MSP' },
      { ip: freshIp() },
    );
    await server.settle();
    const token = tokenFromEmail(server.mail, 'named@acme-msp.test', '/verify-email');
    expect(errorOf(await verify(token, 'AcmeMSP-Whitfield'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'password',
      message: expect.stringMatching(/^This password is too easy to guess\. .+/),
    });
    expect(errorOf(await verify(token, 'Password1234!'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'password',
      message:
        'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common. Capitalize more than the first letter.',
    });
  });

  it('limits the passwords one client can have checked, since each strength estimate costs CPU', async () => {
    const token = await signupToken('many.tries@acme-msp.test');
    const ip = freshIp();
    for (let i = 0; i < 30; i += 1) {
      expect(errorOf(await verify(token, `short ${i}`, `short ${i}`, ip))).toMatchObject({ field: 'password' });
    }
    const blocked = await verify(token, STRONG_PASSWORD, STRONG_PASSWORD, ip);
    expect(errorOf(blocked)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(blocked).message).toMatch(
      /^Too many passwords were tried from your network\. Please try again in \d+ minutes?\.$/,
    );
    // The link itself is intact: another client can still use it.
    expect((await verify(token)).body.data?.verifyEmail.account.emailVerified).toBe(true);
  });

  it('refuses a password that contains the email address', async () => {
    const token = await signupToken('jonathan.smith@acme-msp.test');
    const res = await verify(token, 'jonathan.smith-2024!', 'jonathan.smith-2024!');
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it('accepts long passphrases, spaces and non-Latin letters exactly as typed', async () => {
    const password = 'пароль-🙂-пароль long enough';
    const token = await signupToken('unicode@acme-msp.test');
    expect((await verify(token, password)).body.data?.verifyEmail.account.emailVerified).toBe(true);
    expect(
      errorOf(
        await gql(
          server.url,
          MUTATIONS.login,
          { email: 'unicode@acme-msp.test', password: `${password} ` },
          { ip: freshIp() },
        ),
      ).code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await gql(server.url, MUTATIONS.login, { email: 'unicode@acme-msp.test', password }, { ip: freshIp() })).body
        .errors,
    ).toBeUndefined();
  });

  it('uses a link once: a second use, another purpose and garbled tokens are INVALID_TOKEN', async () => {
    const token = await signupToken('once@acme-msp.test');
    expect((await verify(token)).body.errors).toBeUndefined();
    const again = await verify(token);
    expect(errorOf(again)).toEqual({
      code: 'INVALID_TOKEN',
      field: 'token',
      message: 'This verification link has expired or was already used. Enter your email address to get a new one.',
    });
    for (const bad of [
      '',
      ' ',
      token.slice(0, 10),
      `${token}x`,
      `${token}=`,
      token.toUpperCase(),
      '%',
      '*',
      'x'.repeat(10_000),
    ]) {
      expect(errorOf(await verify(bad)).code).toBe('INVALID_TOKEN');
    }
    const asReset = await gql(
      server.url,
      MUTATIONS.resetPassword,
      { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    expect(errorOf(asReset).code).toBe('INVALID_TOKEN');
  });

  it('lets exactly one of ten parallel uses of a link succeed', async () => {
    const token = await signupToken('race@acme-msp.test');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_v, i) => verify(token, `${STRONG_PASSWORD} #${i}`, `${STRONG_PASSWORD} #${i}`)),
    );
    const winners = results.filter((r) => r.body.data?.verifyEmail);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => errorOf(r).code === 'INVALID_TOKEN')).toHaveLength(9);
    const index = results.indexOf(winners[0]);
    const login = await gql(
      server.url,
      MUTATIONS.login,
      { email: 'race@acme-msp.test', password: `${STRONG_PASSWORD} #${index}` },
      { ip: freshIp() },
    );
    expect(login.body.errors).toBeUndefined();
  });

  it('expires a verification link after 24 hours', async () => {
    const token = await signupToken('late@acme-msp.test');
    const account = await server.db.dataSource.getRepository(Account).findOneByOrFail({ email: 'late@acme-msp.test' });
    await server.db.dataSource
      .getRepository(SingleUseTokenRecord)
      .update({ accountId: account.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(errorOf(await verify(token)).code).toBe('INVALID_TOKEN');
  });

  it('gives the same answer for an unknown email, a wrong password and an unverified account', async () => {
    await createVerifiedAccount(server, 'known@acme-msp.test');
    await gql(server.url, MUTATIONS.signup, { email: 'unverified@acme-msp.test' }, { ip: freshIp() });
    await server.settle();
    const attempts = await Promise.all([
      gql(server.url, MUTATIONS.login, { email: 'nobody@acme-msp.test', password: STRONG_PASSWORD }, { ip: freshIp() }),
      gql(
        server.url,
        MUTATIONS.login,
        { email: 'known@acme-msp.test', password: 'Wrong password 123' },
        { ip: freshIp() },
      ),
      gql(
        server.url,
        MUTATIONS.login,
        { email: 'unverified@acme-msp.test', password: STRONG_PASSWORD },
        { ip: freshIp() },
      ),
      gql(
        server.url,
        MUTATIONS.login,
        { email: 'known@acme-msp.test', password: 'x'.repeat(100_000) },
        { ip: freshIp() },
      ),
    ]);
    for (const res of attempts) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: null,
        errors: [
          {
            message: 'The email address or password is incorrect.',
            path: ['login'],
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    }
  });

  it('logs in with any case of the address', async () => {
    await createVerifiedAccount(server, 'case.login@acme-msp.test');
    const res = await gql(
      server.url,
      MUTATIONS.login,
      { email: ' CASE.Login@ACME-msp.test ', password: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    expect(res.body.errors).toBeUndefined();
  });

  it('throttles 10 failed logins of one account from one client, even with the right password, until the window passes', async () => {
    await createVerifiedAccount(server, 'throttle@acme-msp.test');
    const ip = freshIp();
    for (let i = 0; i < 10; i += 1) {
      const res = await gql(
        server.url,
        MUTATIONS.login,
        { email: 'throttle@acme-msp.test', password: `wrong password ${i}` },
        { ip },
      );
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
    const blocked = await gql(
      server.url,
      MUTATIONS.login,
      { email: 'throttle@acme-msp.test', password: STRONG_PASSWORD },
      { ip },
    );
    expect(errorOf(blocked)).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errorOf(blocked).message).toMatch(
      /^Too many failed login attempts\. Please try again in 1[45] minutes, or use Forgot Password to choose a new password and log in now\.$/,
    );
    // Another client is not affected.
    const elsewhere = await gql(
      server.url,
      MUTATIONS.login,
      { email: 'throttle@acme-msp.test', password: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    expect(elsewhere.body.errors).toBeUndefined();
    // When the window has passed, the right password works again.
    await server.db.dataSource.query('UPDATE rate_limits SET expire = ? WHERE `key` LIKE ?', [
      Date.now() - 1,
      '%throttle@acme-msp.test%',
    ]);
    const later = await gql(
      server.url,
      MUTATIONS.login,
      { email: 'throttle@acme-msp.test', password: STRONG_PASSWORD },
      { ip },
    );
    expect(later.body.errors).toBeUndefined();
  });

  it('counts 50 parallel failures from 50 clients exactly', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        gql(
          server.url,
          MUTATIONS.login,
          { email: 'spray-target@acme-msp.test', password: 'Wrong password 123' },
          { ip: freshIp() },
        ),
      ),
    );
    const [row] = await server.db.dataSource.query<Array<{ points: number }>>(
      'SELECT points FROM rate_limits WHERE `key` = ?',
      [`loginAccount:spray-target@acme-msp.test`],
    );
    expect(Number(row?.points)).toBe(50);
  });

  it('ends this session only on logout', async () => {
    const { token } = await createVerifiedAccount(server, 'logout@acme-msp.test');
    const second = await gql<{ login: { token: string } }>(
      server.url,
      MUTATIONS.login,
      { email: 'logout@acme-msp.test', password: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    const out = await gql(server.url, MUTATIONS.logout, {}, { token });
    expect(out.body).toEqual({ data: { logout: true } });
    expect(out.headers.get('set-cookie')).toMatch(/mobius_session=;.*Expires=Thu, 01 Jan 1970/);
    // An ended session sent as a bearer token is refused outright (HTTP 401, docs/security.md).
    const res = await gql(server.url, MUTATIONS.me, {}, { token });
    expect({ status: res.status, body: res.body }).toEqual({ status: 401, body: REFUSED });
    // The account's other session is still signed in (sessions.test.ts has the rest).
    const other = await gql(server.url, MUTATIONS.me, {}, { token: second.body.data?.login.token });
    expect(other.body.data).toMatchObject({ me: { email: 'logout@acme-msp.test' } });
    expect(errorOf(await gql(server.url, MUTATIONS.logout, {}, { token }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects forged, tampered, expired and foreign session tokens', async () => {
    const { token, accountId } = await createVerifiedAccount(server, 'jwt@acme-msp.test');
    const secret = Buffer.from(testSecrets.jwt, 'base64');
    const now = Math.floor(Date.now() / 1000);
    const base = { typ: 'session', ver: 1, sub: accountId, iss: 'mobius', aud: 'mobius-api' };
    const [h, p, s] = token.split('.') as [string, string, string];
    const forged = [
      `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`,
      jwt.sign({ ...base, exp: now + 600 }, 'another secret of sufficient length!!'),
      `${h}.${Buffer.from(JSON.stringify({ ...base, ver: 0, exp: now + 600 })).toString('base64url')}.${s}`,
      jwt.sign({ ...base }, secret, { algorithm: 'HS256' }),
      jwt.sign({ ...base, exp: now - 10 }, secret),
      jwt.sign({ ...base, exp: now + 600, nbf: now + 300 }, secret),
      jwt.sign({ ...base, aud: 'someone-else', exp: now + 600 }, secret),
      jwt.sign({ ...base, iss: 'evil', exp: now + 600 }, secret),
      jwt.sign({ ...base, typ: 'reset', exp: now + 600 }, secret),
      signedWithEmptyKey({ alg: 'HS256', typ: 'JWT', kid: '../../dev/null' }, { ...base, exp: now + 600 }),
    ];
    // Refused outright, never read as anonymous: HTTP 401 and one UNAUTHENTICATED error (docs/security.md).
    for (const [index, bad] of forged.entries()) {
      const res = await gql(server.url, MUTATIONS.me, {}, { token: bad });
      expect({ index, status: res.status, body: res.body }).toEqual({ index, status: 401, body: REFUSED });
    }
    for (const header of ['Bearer', 'Bearer null', 'Bearer undefined', `bearer ${token}`, `Basic ${token}`]) {
      const res = await gql(server.url, MUTATIONS.me, {}, { headers: { authorization: header } });
      expect({ header, status: res.status, body: res.body }).toEqual({ header, status: 401, body: REFUSED });
    }
    // The same forged tokens as the dashboard's cookie: no one is signed in (the login page), as before.
    for (const [index, bad] of forged.entries()) {
      const res = await gql(server.url, MUTATIONS.me, {}, { cookie: sessionCookie(bad) });
      expect({ index, status: res.status, body: res.body }).toEqual({
        index,
        status: 200,
        body: { data: { me: null } },
      });
    }
    const good = await gql(server.url, MUTATIONS.me, {}, { token });
    expect(good.body.data).toMatchObject({ me: { email: 'jwt@acme-msp.test' } });
  });
});
