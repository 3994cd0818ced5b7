import { hmacSha256Hex } from '../../src/lib/crypto';
import { createTestDatabase, testDialects } from '../support/databases';
import {
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  startTestServer,
  tokenFromEmail,
  type GraphQLResponse,
  passEmailMinute,
  resetBudgets,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

describe.each(testDialects)('sign-up and email verification on %s', (dialect) => {
  const server = useTestServer(dialect, { clearMail: true });

  /** Sets a password with the newest verification link emailed to the address; returns the session token. */
  const verifyOwnLink = async (email: string) => {
    const res = await gql<{ verifyEmail: { token: string } }>(
      server.url,
      MUTATIONS.verifyEmail,
      {
        token: tokenFromEmail(server.mail, email, '/verify-email'),
        password: STRONG_PASSWORD,
        passwordConfirmation: STRONG_PASSWORD,
      },
      { ip: freshIp() },
    );
    if (!res.body.data) throw new Error(`verify failed: ${res.raw}`);
    return res.body.data.verifyEmail.token;
  };

  /** Stands for a minute passing: drops the per-minute email budgets. */
  const passMinute = () => passEmailMinute(server);

  const accountsWith = async (email: string) =>
    await server.db.dataSource.query<unknown[]>('SELECT id FROM accounts WHERE email = ?', [email]);

  it('emails a single-use verification link to a new address', async () => {
    const res = await gql(
      server.url,
      MUTATIONS.signup,
      { email: 'new.owner@acme-msp.test', name: 'Dana' },
      { ip: freshIp() },
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { signup: true } });
    await server.settle();
    const [message] = server.mail.messages();
    expect(message?.to).toEqual([{ email: 'new.owner@acme-msp.test' }]);
    expect(message?.subject).toBe('Confirm your email address for Mobius');
    expect(message?.text).toMatch(new RegExp(`: ${server.url}/verify-email\\?token=[A-Za-z0-9_-]{43}$`, 'm'));
    expect(message?.html).toContain(`${server.url}/verify-email?token=`);
    expect(message?.payload.tracking_settings).toEqual({
      click_tracking: { enable: false, enable_text: false },
      open_tracking: { enable: false },
    });
  });

  it('answers identically for an existing account and sends it an "already registered" email instead', async () => {
    const email = 'existing@acme-msp.test';
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    const token = tokenFromEmail(server.mail, email, '/verify-email');
    await gql(
      server.url,
      MUTATIONS.verifyEmail,
      { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    server.mail.clear();
    await resetBudgets(server);

    const fresh = await gql(server.url, MUTATIONS.signup, { email: 'nobody-yet@acme-msp.test' }, { ip: freshIp() });
    const known = await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    expect(known.status).toBe(fresh.status);
    expect(known.raw).toBe(fresh.raw);
    const headerNames = (h: Headers) =>
      [...h.keys()].filter((k) => !['date', 'x-request-id', 'content-length'].includes(k)).sort();
    expect(headerNames(known.headers)).toEqual(headerNames(fresh.headers));
    await server.settle();
    const toKnown = server.mail.messages().filter((m) => m.to[0]?.email === email);
    expect(toKnown).toHaveLength(1);
    expect(toKnown[0]?.subject).toBe('You already have a Mobius account');
    expect(toKnown[0]?.text).not.toContain('token=');
  });

  it('treats case and whitespace variants of an address as one account', async () => {
    await gql(server.url, MUTATIONS.signup, { email: '  Mixed.Case@Example.COM ' }, { ip: freshIp() });
    await gql(server.url, MUTATIONS.signup, { email: 'mixed.case@example.com' }, { ip: freshIp() });
    await server.settle();
    const rows = await server.db.dataSource.query<Array<{ email: string }>>(
      'SELECT email FROM accounts WHERE LOWER(email) = ?',
      ['mixed.case@example.com'],
    );
    expect(rows).toEqual([{ email: 'mixed.case@example.com' }]);
  });

  it('treats the Unicode and the ASCII (IDNA) form of a domain as one account, stored in ASCII', async () => {
    await gql(server.url, MUTATIONS.signup, { email: 'idn.owner@exämple.com' }, { ip: freshIp() });
    await server.settle();
    await passMinute();
    await gql(server.url, MUTATIONS.signup, { email: 'IDN.Owner@xn--exmple-cua.com' }, { ip: freshIp() });
    await server.settle();
    const rows = await server.db.dataSource.query<
      Array<{
        email: string;
      }>
    >("SELECT email FROM accounts WHERE email LIKE 'idn.owner@%'");
    expect(rows).toEqual([{ email: 'idn.owner@xn--exmple-cua.com' }]);
    expect(server.mail.messages().map((m) => m.to[0]?.email)).toEqual([
      'idn.owner@xn--exmple-cua.com',
      'idn.owner@xn--exmple-cua.com',
    ]);
  });

  it('creates exactly one account for ten parallel sign-ups of one address', async () => {
    const email = 'parallel@acme-msp.test';
    const results = await Promise.all(
      Array.from({ length: 10 }, () => gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() })),
    );
    await server.settle();
    expect(results.map((r) => r.body)).toEqual(Array(10).fill({ data: { signup: true } }));
    expect(await accountsWith(email)).toHaveLength(1);
    for (const r of results) expect(r.raw).not.toMatch(/ER_DUP|QueryFailed|SQLITE|UNIQUE|INSERT/i);
    expect(server.logs.join('')).not.toMatch(/"level":50.*ER_DUP/);
  });

  it('stores only an HMAC of the emailed token', async () => {
    const email = 'hash-check@acme-msp.test';
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    const token = tokenFromEmail(server.mail, email, '/verify-email');
    const rows = await server.db.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT t.* FROM single_use_tokens t JOIN accounts a ON a.id = t.accountId WHERE a.email = ?',
      [email],
    );
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(rows);
    for (const form of [
      token,
      Buffer.from(token, 'base64url').toString('hex'),
      Buffer.from(token, 'base64url').toString('base64'),
    ]) {
      expect(dump).not.toContain(form);
    }
    expect(rows[0]?.tokenHash).toBe(hmacSha256Hex(server.config.hashKeys[0].key, token));
  });

  it.each([
    ['', 'email', 'Enter your email address.'],
    ['   ', 'email', 'Enter your email address.'],
    ['a@b', 'email', 'Enter a valid email address, like name@company.com.'],
    ['a@@b.com', 'email', 'Enter a valid email address, like name@company.com.'],
    ['a@x.com,b@evil.test', 'email', 'Enter a valid email address, like name@company.com.'],
    ['a@x.com;b@evil.test', 'email', 'Enter a valid email address, like name@company.com.'],
    ['a@x.com\nb@evil.test', 'email', 'Enter a valid email address, like name@company.com.'],
    ['victim@x.com\r\nBcc: a@evil.test', 'email', 'Enter a valid email address, like name@company.com.'],
    ["' OR '1'='1' -- ", 'email', 'Enter a valid email address, like name@company.com.'],
    ['<script>alert(1)</script>@x.com', 'email', 'Enter a valid email address, like name@company.com.'],
    [`${'a'.repeat(65)}@example.com`, 'email', 'This email address is too long.'],
    [`a@${'b'.repeat(250)}.com`, 'email', 'This email address is too long.'],
  ])('rejects the email %j with a clear error and no side effect', async (email, field, message) => {
    const res = await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    expect(res.status).toBe(200);
    expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field, message });
    expect(server.mail.messages()).toHaveLength(0);
  });

  it.each([
    [{ email: 'n1@acme-msp.test', name: 'x'.repeat(101) }, 'name', 'Your name can be at most 100 characters.'],
    [
      { email: 'n2@acme-msp.test', name: 'Eve\r\nBcc: a@evil.test' },
      'name',
      'Your name cannot contain control characters or line breaks.',
    ],
    [
      { email: 'n3@acme-msp.test', companyName: 'y'.repeat(101) },
      'companyName',
      'Company name can be at most 100 characters.',
    ],
  ])('rejects bad optional fields %#', async (variables, field, message) => {
    const res = await gql(server.url, MUTATIONS.signup, variables, { ip: freshIp() });
    await server.settle();
    expect(errorOf(res)).toEqual({ code: 'BAD_USER_INPUT', field, message });
    expect(await accountsWith(variables.email)).toHaveLength(0);
  });

  it.each([[123], [true], [{}], [['a@x.com', 'b@evil.test']], [null]])(
    'refuses a non-string email variable %j before running anything',
    async (email) => {
      const res = await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
      await server.settle();
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(errorOf(res).field).toBe('email');
      expect(res.raw).not.toMatch(/stack|at \//);
      expect(server.mail.messages()).toHaveLength(0);
    },
  );

  it('refuses privileged extra arguments', async () => {
    const res = await gql(
      server.url,
      'mutation { signup(email: "extra@acme-msp.test", emailVerified: true) }',
      {},
      { ip: freshIp() },
    );
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('escapes user text in emails and builds links from APP_URL, not the Host header', async () => {
    const email = 'escape@acme-msp.test';
    const evilHost = { 'x-forwarded-host': 'evil.test', forwarded: 'host=evil.test' };
    await gql(
      server.url,
      MUTATIONS.signup,
      { email, name: '<img src=x onerror=alert(1)>{{7*7}}' },
      { ip: freshIp(), headers: evilHost },
    );
    await server.settle();
    const [verification] = server.mail.messages();
    expect(verification?.text).toContain(`${server.url}/verify-email?token=`);
    expect(verification?.text).not.toContain('evil.test');
    await verifyOwnLink(email);
    // The name counts once verified; the next email that greets the owner escapes it.
    server.mail.clear();
    await passMinute();
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp(), headers: evilHost });
    await server.settle();
    const [notice] = server.mail.messages();
    expect(notice?.html).not.toContain('<img src=x');
    expect(notice?.html).toContain('&lt;img src=x onerror=alert(1)&gt;{{7*7}}');
    expect(notice?.text).not.toContain('evil.test');
  });

  describe('profile fields typed at sign-up', () => {
    const STRANGER = { name: 'URGENT: call +1-555-0100 to keep your account', companyName: 'Refund Desk +1-555-0100' };
    const strangerText = /URGENT|555-0100|Refund Desk/;
    const signupAs = async (email: string, profile: { name?: string; companyName?: string } = {}) => {
      await gql(server.url, MUTATIONS.signup, { email, ...profile }, { ip: freshIp() });
      await server.settle();
    };
    const emailsTo = (email: string) => server.mail.messages().filter((m) => m.to[0]?.email === email);
    const profileOf = async (sessionToken: string) =>
      (
        await gql<{ me: { name: string | null; companyName: string | null } }>(
          server.url,
          MUTATIONS.me,
          {},
          { token: sessionToken },
        )
      ).body.data?.me;
    /** Emails that greet a verified owner: an "already registered" notice and a reset link. */
    const laterEmails = async (email: string) => {
      server.mail.clear();
      await passMinute();
      await signupAs(email);
      await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
      await server.settle();
      return emailsTo(email);
    };

    it("never print a stranger's text in the owner's emails or keep it on the account the owner verifies", async () => {
      const email = 'stranger-first@acme-msp.test';
      await signupAs(email, STRANGER);
      await passMinute();
      server.mail.clear();
      await signupAs(email, { name: 'Dana Owner', companyName: 'Acme MSP' });
      const [ownVerification] = emailsTo(email);
      expect(ownVerification?.subject).toBe('Confirm your email address for Mobius');
      const session = await verifyOwnLink(email);

      expect(JSON.stringify(await profileOf(session))).not.toMatch(strangerText);
      // Two different profiles were offered for the address: neither can be told to be the owner's.
      expect(await profileOf(session)).toMatchObject({ name: null, companyName: null });
      const later = await laterEmails(email);
      expect(later.map((m) => m.subject).sort()).toEqual([
        'Reset your Mobius password',
        'You already have a Mobius account',
      ]);
      for (const m of later) expect(`${m.subject} ${m.text} ${m.html}`).not.toMatch(strangerText);
    });

    it('do not greet anyone in a verification email, whoever typed the address', async () => {
      const email = 'greeting@acme-msp.test';
      await signupAs(email, STRANGER);
      const [message] = emailsTo(email);
      expect(message?.subject).toBe('Confirm your email address for Mobius');
      expect(message?.text).toMatch(/^Hello,$/m);
      expect(`${message?.text} ${message?.html}`).not.toMatch(strangerText);
    });

    it("apply nothing from a stranger's link once the owner has offered another profile", async () => {
      const email = 'stranger-link@acme-msp.test';
      await signupAs(email, STRANGER);
      // The owner signs up within the minute: no second email, so the stranger's link is the only one.
      await signupAs(email, { name: 'Dana Owner' });
      expect(emailsTo(email)).toHaveLength(1);
      const session = await verifyOwnLink(email);
      expect(await profileOf(session)).toMatchObject({ name: null, companyName: null });
    });

    it("become the account's once verified when they are the only ones offered", async () => {
      const email = 'owner-only@acme-msp.test';
      await signupAs(email, { name: 'Dana Owner', companyName: 'Acme MSP' });
      await passMinute();
      await signupAs(email, { name: 'Dana Owner', companyName: 'Acme MSP' }); // a second click changes nothing
      const session = await verifyOwnLink(email);
      expect(await profileOf(session)).toMatchObject({ name: 'Dana Owner', companyName: 'Acme MSP' });
      const later = await laterEmails(email);
      expect(later).toHaveLength(2);
      for (const m of later) expect(m.text).toMatch(/^Hello Dana Owner,$/m);
    });
  });

  it('throttles sign-ups from one client with a clear message', async () => {
    const ip = freshIp();
    let last: GraphQLResponse | undefined;
    for (let i = 0; i < 31; i += 1) {
      last = await gql(server.url, MUTATIONS.signup, { email: `flood${i}@acme-msp.test` }, { ip });
    }
    expect(errorOf(last!).code).toBe('RATE_LIMITED');
    expect(errorOf(last!).message).toMatch(
      /^Too many requests from your network\. Please try again in \d+ minutes?\.$/,
    );
    await server.settle();
  });

  it('keeps its throttles in the database, so they hold across a restart', async () => {
    const db = await createTestDatabase(dialect);
    const ip = freshIp();
    const first = await startTestServer({ dialect, db });
    for (let i = 0; i < 30; i += 1) await gql(first.url, MUTATIONS.signup, { email: `r${i}@acme-msp.test` }, { ip });
    await first.close();
    const second = await startTestServer({ dialect, db });
    try {
      const res = await gql(second.url, MUTATIONS.signup, { email: 'after-restart@acme-msp.test' }, { ip });
      expect(errorOf(res).code).toBe('RATE_LIMITED');
    } finally {
      await second.close();
      await db.destroy();
    }
  });
});
