import jwt from 'jsonwebtoken';
import { utcDatetime } from '../../src/db/migrations/helpers';
import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  gql,
  MUTATIONS,
  resetBudgets,
  STRONG_PASSWORD,
  testSecrets,
  tokenFromEmail,
  type GraphQLResponse,
  sessionCookie,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

/** Sessions of one account (docs/security.md, "Sessions"): each browser ends on its own. */

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

const SESSIONS = '{ sessions { id device browser os ip createdAt lastSeenAt expiresAt current } }';
const SIGN_OUT = 'mutation($id: ID!) { signOutSession(id: $id) { id current } }';
const SIGN_OUT_OTHERS = 'mutation { signOutOtherSessions { id device current } }';

/** What a refused `Authorization` credential answers (with HTTP 401), as for any ended session. */
const REFUSED = { errors: [{ message: 'Invalid or revoked API token.', extensions: { code: 'UNAUTHENTICATED' } }] };

interface ListedSession {
  id: string;
  device: string;
  browser: string | null;
  os: string | null;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

interface Browser {
  /** The session JWT, sent as the dashboard sends it: the httpOnly cookie. */
  cookie: string;
  token: string;
  ip: string;
  userAgent: string;
}

describe.each(testDialects)('sessions on %s', (dialect) => {
  const server = useTestServer(dialect);

  const login = async (email: string, ip: string, userAgent: string): Promise<Browser> => {
    const res = await gql<{ login: { token: string } }>(
      server.url,
      MUTATIONS.login,
      { email, password: STRONG_PASSWORD },
      { ip, headers: { 'user-agent': userAgent } },
    );
    const token = res.body.data?.login.token;
    if (!token) throw new Error(`login failed: ${res.raw}`);
    expect(res.headers.get('set-cookie')).toContain(`mobius_session=${token}`);
    return { cookie: sessionCookie(token), token, ip, userAgent };
  };
  /** A request from that browser: its cookie, its address, its User-Agent. */
  const from = <T = Record<string, unknown>>(
    browser: Browser,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> =>
    gql<T>(server.url, query, variables, {
      cookie: browser.cookie,
      ip: browser.ip,
      headers: { 'user-agent': browser.userAgent },
    });
  const list = async (browser: Browser): Promise<ListedSession[]> => {
    const res = await from<{ sessions: ListedSession[] }>(browser, SESSIONS);
    if (!res.body.data) throw new Error(res.raw);
    return res.body.data.sessions;
  };
  const me = async (browser: Browser) =>
    ((await from<{ me: { email: string } | null }>(browser, MUTATIONS.me)).body.data?.me ?? null)?.email ?? null;
  /** A signed-out browser reads as no one, and anything @Authorized is UNAUTHENTICATED, as before sessions had rows. */
  const expectSignedOut = async (browser: Browser) => {
    expect(await me(browser)).toBeNull();
    const res = await from(browser, SESSIONS);
    expect({ status: res.status, error: errorOf(res) }).toEqual({
      status: 200,
      error: { code: 'UNAUTHENTICATED', field: undefined, message: 'Please log in to continue.' },
    });
    const bearer = await gql(server.url, MUTATIONS.me, {}, { token: browser.token });
    expect({ status: bearer.status, body: bearer.body }).toEqual({ status: 401, body: REFUSED });
  };
  const account = async (email: string) => {
    await createVerifiedAccount(server, email);
    return {
      mac: await login(email, '198.51.100.7', CHROME_MAC),
      phone: await login(email, '203.0.113.9', SAFARI_IPHONE),
    };
  };

  it('lists both browsers of an account with device, address and which one is this one', async () => {
    const { mac, phone } = await account('two.browsers@acme-msp.test');
    const sessions = await list(mac);
    // This session first, then the most recently seen; the verify link's session (a script) is an unknown device.
    expect(sessions).toEqual([
      expect.objectContaining({
        device: 'Chrome on macOS',
        browser: 'Chrome',
        os: 'macOS',
        ip: '198.51.100.7',
        current: true,
      }),
      expect.objectContaining({
        device: 'Safari on iOS',
        browser: 'Safari',
        os: 'iOS',
        ip: '203.0.113.9',
        current: false,
      }),
      expect.objectContaining({ device: 'Unknown device', browser: null, os: null, current: false }),
    ]);
    expect((await list(phone)).map((s) => [s.device, s.current])).toEqual([
      ['Safari on iOS', true],
      ['Chrome on macOS', false],
      ['Unknown device', false],
    ]);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneView = await list(phone);
    expect(phoneView.find((s) => s.current)?.device).toBe('Safari on iOS');
    for (const s of sessions) {
      expect(new Date(s.expiresAt).getTime()).toBeGreaterThan(new Date(s.createdAt).getTime());
      expect(s.lastSeenAt).toBe(s.createdAt);
    }
    // Only the session's own columns are stored: the User-Agent cut at 512 characters, the address as Express saw it.
    const [row] = await server.db.dataSource.query<Array<{ userAgent: string; ip: string }>>(
      'SELECT userAgent, ip FROM sessions WHERE id = ?',
      [sessions.find((s) => s.current)?.id],
    );
    expect(row).toEqual({ userAgent: CHROME_MAC, ip: '198.51.100.7' });
  });

  it('keeps a very long User-Agent to 512 characters', async () => {
    await createVerifiedAccount(server, 'long.agent@acme-msp.test');
    const browser = await login('long.agent@acme-msp.test', '192.0.2.77', `${FIREFOX_WINDOWS} ${'x'.repeat(1000)}`);
    const current = (await list(browser)).find((s) => s.current);
    expect(current?.device).toBe('Firefox on Windows');
    const [row] = await server.db.dataSource.query<Array<{ userAgent: string }>>(
      'SELECT userAgent FROM sessions WHERE id = ?',
      [current?.id],
    );
    expect(row?.userAgent).toHaveLength(512);
  });

  it('logs out this browser only: the other stays signed in', async () => {
    const { mac, phone } = await account('logout.one@acme-msp.test');
    const out = await from(mac, MUTATIONS.logout);
    expect(out.body).toEqual({ data: { logout: true } });
    expect(out.headers.get('set-cookie')).toMatch(/mobius_session=;.*Expires=Thu, 01 Jan 1970/);
    await expectSignedOut(mac);
    expect(await me(phone)).toBe('logout.one@acme-msp.test');
    expect((await list(phone)).map((s) => s.device)).not.toContain('Chrome on macOS');
  });

  it('signs out another session from the list: its next request is signed out', async () => {
    const { mac, phone } = await account('sign.out.one@acme-msp.test');
    const phoneId = (await list(phone)).find((s) => s.current)?.id as string;
    const res = await from<{ signOutSession: Array<{ id: string; current: boolean }> }>(mac, SIGN_OUT, { id: phoneId });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.signOutSession.map((s) => s.id)).not.toContain(phoneId);
    expect(res.headers.get('set-cookie')).toBeNull();
    await expectSignedOut(phone);
    expect(await me(mac)).toBe('sign.out.one@acme-msp.test');
    // Already ended: there is no such session any more.
    expect(errorOf(await from(mac, SIGN_OUT, { id: phoneId }))).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
      message: 'There is no such session in your account.',
    });
  });

  it('signing out this session from the list is a logout', async () => {
    const { mac, phone } = await account('sign.out.self@acme-msp.test');
    const macId = (await list(mac)).find((s) => s.current)?.id as string;
    const res = await from(mac, SIGN_OUT, { id: macId });
    expect(res.body).toEqual({ data: { signOutSession: [] } });
    expect(res.headers.get('set-cookie')).toMatch(/mobius_session=;/);
    await expectSignedOut(mac);
    expect(await me(phone)).toBe('sign.out.self@acme-msp.test');
  });

  it("answers NOT_FOUND, naming the field, for another account's session and for ids that are no session", async () => {
    const { mac } = await account('owner.a@acme-msp.test');
    const { phone: strangersPhone } = await account('owner.b@acme-msp.test');
    const foreignId = (await list(strangersPhone)).find((s) => s.current)?.id as string;
    for (const id of [foreignId, '00000000-0000-4000-8000-000000000000', 'not-an-id', '']) {
      expect(errorOf(await from(mac, SIGN_OUT, { id }))).toEqual({
        code: 'NOT_FOUND',
        field: 'id',
        message: 'There is no such session in your account.',
      });
    }
    expect(await me(strangersPhone)).toBe('owner.b@acme-msp.test');
  });

  it('signs out every other session and keeps this one', async () => {
    const { mac, phone } = await account('sign.out.others@acme-msp.test');
    const third = await login('sign.out.others@acme-msp.test', '192.0.2.50', FIREFOX_WINDOWS);
    const res = await from<{ signOutOtherSessions: Array<{ device: string; current: boolean }> }>(mac, SIGN_OUT_OTHERS);
    expect(res.body).toEqual({
      data: { signOutOtherSessions: [{ id: expect.any(String), device: 'Chrome on macOS', current: true }] },
    });
    await expectSignedOut(phone);
    await expectSignedOut(third);
    expect(await me(mac)).toBe('sign.out.others@acme-msp.test');
    expect((await list(mac)).map((s) => s.device)).toEqual(['Chrome on macOS']);
    // …and this one can still log out.
    await from(mac, MUTATIONS.logout);
    await expectSignedOut(mac);
  });

  it('signs out everywhere, this session included, and clears its cookie', async () => {
    const { mac, phone } = await account('sign.out.everywhere@acme-msp.test');
    const res = await from<{ signOutEverywhere: boolean }>(mac, 'mutation { signOutEverywhere }');
    expect(res.body).toEqual({ data: { signOutEverywhere: true } });
    expect(res.headers.get('set-cookie')).toMatch(/mobius_session=;.*Expires=Thu, 01 Jan 1970/);
    await expectSignedOut(mac);
    await expectSignedOut(phone);
    // Logging in again starts a session of its own.
    const again = await login('sign.out.everywhere@acme-msp.test', '192.0.2.60', FIREFOX_WINDOWS);
    expect(await me(again)).toBe('sign.out.everywhere@acme-msp.test');
  });

  it('ends every session with a password reset, and the reset signs in anew', async () => {
    const email = 'reset.all@acme-msp.test';
    const { mac, phone } = await account(email);
    await resetBudgets(server);
    await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: '192.0.2.90' });
    await server.settle();
    const link = tokenFromEmail(server.mail, email, '/reset-password');
    const password = 'A brand new passphrase 2027';
    const res = await gql<{ resetPassword: { token: string } }>(
      server.url,
      MUTATIONS.resetPassword,
      { token: link, password, passwordConfirmation: password },
      { ip: '192.0.2.91', headers: { 'user-agent': FIREFOX_WINDOWS } },
    );
    const token = res.body.data?.resetPassword.token as string;
    await expectSignedOut(mac);
    await expectSignedOut(phone);
    const fresh: Browser = { cookie: sessionCookie(token), token, ip: '192.0.2.91', userAgent: FIREFOX_WINDOWS };
    expect(await me(fresh)).toBe(email);
    expect(await list(fresh)).toEqual([
      expect.objectContaining({ device: 'Firefox on Windows', ip: '192.0.2.91', current: true }),
    ]);
  });

  it('refuses a revoked or expired session, and a token of before sessions had rows, as any ended session', async () => {
    const { mac, phone } = await account('refused@acme-msp.test');
    const [macId, phoneId] = [
      (await list(mac)).find((s) => s.current)?.id,
      (await list(phone)).find((s) => s.current)?.id,
    ];
    const ds = server.db.dataSource;
    await ds.query('UPDATE sessions SET revokedAt = expiresAt WHERE id = ?', [macId]);
    await expectSignedOut(mac);
    // The row expires with the JWT; an expired row is refused even if the JWT were still good.
    await ds.query('UPDATE sessions SET expiresAt = createdAt WHERE id = ?', [phoneId]);
    await expectSignedOut(phone);

    // A JWT from before this change: valid, the account's version, but no `sid`.
    const payload = jwt.decode(mac.token) as jwt.JwtPayload;
    const { sid: _sid, ...legacy } = payload;
    const old = jwt.sign(legacy, Buffer.from(testSecrets.jwt, 'base64'), { algorithm: 'HS256' });
    await expectSignedOut({ ...mac, cookie: sessionCookie(old), token: old });
    // A token of ours whose `sid` names another account's live session does not borrow it.
    const { mac: strangers } = await account('refused.stranger@acme-msp.test');
    const strangersId = (await list(strangers)).find((s) => s.current)?.id;
    const borrowed = jwt.sign({ ...payload, sid: strangersId }, Buffer.from(testSecrets.jwt, 'base64'), {
      algorithm: 'HS256',
    });
    await expectSignedOut({ ...mac, cookie: sessionCookie(borrowed), token: borrowed });
    expect(await me(strangers)).toBe('refused.stranger@acme-msp.test');
  });

  it('notes when a session was last seen at most every 5 minutes, in one conditional write', async () => {
    const { mac } = await account('last.seen@acme-msp.test');
    const id = (await list(mac)).find((s) => s.current)?.id;
    const ds = server.db.dataSource;
    const lastSeen = async () => {
      const [row] = await ds.query<
        Array<{
          lastSeenAt: Date | string;
        }>
      >('SELECT lastSeenAt FROM sessions WHERE id = ?', [id]);
      const value = row?.lastSeenAt;
      return value instanceof Date ? value.getTime() : new Date(`${String(value).replace(' ', 'T')}Z`).getTime();
    };
    const before = await lastSeen();
    await me(mac);
    await me(mac);
    expect(await lastSeen()).toBe(before);
    // Ten minutes later (moved back in the database), the next request notes it once.
    await ds.query('UPDATE sessions SET lastSeenAt = ? WHERE id = ?', [
      utcDatetime(new Date(before - 10 * 60_000)),
      id,
    ]);
    const moved = await lastSeen();
    await me(mac);
    const noted = await lastSeen();
    expect(noted).toBeGreaterThan(moved);
    await me(mac);
    expect(await lastSeen()).toBe(noted);
  });

  it('keeps sessions to signed-in people: API tokens cannot list or end them', async () => {
    const { mac } = await account('api.sessions@acme-msp.test');
    const created = await from<{ createApiToken: { token: string } }>(
      mac,
      'mutation { createApiToken(name: "Monitor") { token } }',
    );
    const apiToken = created.body.data?.createApiToken.token as string;
    const res = await gql(server.url, SESSIONS, {}, { token: apiToken });
    expect(errorOf(res)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Sessions are managed from a signed-in session.',
    });
  });

  it('removes the sessions of a deleted account with it', async () => {
    const { accountId } = await createVerifiedAccount(server, 'deleted@acme-msp.test');
    const ds = server.db.dataSource;
    const count = async () =>
      Number(
        (
          await ds.query<
            Array<{
              n: unknown;
            }>
          >('SELECT COUNT(*) AS n FROM sessions WHERE accountId = ?', [accountId])
        )[0]?.n,
      );
    expect(await count()).toBe(1);
    await ds.query('DELETE FROM accounts WHERE id = ?', [accountId]);
    expect(await count()).toBe(0);
  });
});
