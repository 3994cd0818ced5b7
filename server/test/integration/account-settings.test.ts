import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  resetBudgets,
  STRONG_PASSWORD,
  tokenFromEmail,
  type GraphQLResponse,
  sessionCookieSet,
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) {
  updateProfile(input: $input) { id email name companyName }
}`;
const CHANGE_PASSWORD = `mutation($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword) { token account { id email } }
}`;
const CREATE_API_TOKEN = 'mutation($name: String!) { createApiToken(name: $name) { token } }';
const NEW_PASSWORD = 'Quarter close is done 2026!';

type Changed = { changePassword: { token: string; account: { id: string; email: string } } };

describe.each(testDialects)('account settings on %s', (dialect) => {
  const server = useTestServer(dialect, { clearMail: true });

  const login = (email: string, password: string) =>
    gql<{ login: { token: string } }>(server.url, MUTATIONS.login, { email, password }, { ip: freshIp() });
  const me = (options: { token?: string; cookie?: string }) =>
    gql<{ me: { email: string; name: string | null; companyName: string | null } | null }>(
      server.url,
      MUTATIONS.me,
      {},
      options,
    );
  const changePassword = (
    session: { token?: string; cookie?: string },
    currentPassword: string,
    newPassword: string,
    ip = freshIp(),
  ) => gql<Changed>(server.url, CHANGE_PASSWORD, { currentPassword, newPassword }, { ...session, ip });

  describe('updateProfile', () => {
    it('saves the name and company trimmed, leaves out what is not sent and clears what is blank', async () => {
      const { token } = await createVerifiedAccount(server, 'profile.save@acme-msp.test');
      const saved = await gql(
        server.url,
        UPDATE_PROFILE,
        { input: { name: '  Dana Whitfield ', companyName: 'Northwind MSP  ' } },
        { token },
      );
      expect(saved.body).toEqual({
        data: {
          updateProfile: {
            id: expect.any(String),
            email: 'profile.save@acme-msp.test',
            name: 'Dana Whitfield',
            companyName: 'Northwind MSP',
          },
        },
      });
      expect((await me({ token })).body.data?.me).toMatchObject({
        name: 'Dana Whitfield',
        companyName: 'Northwind MSP',
      });

      await gql(server.url, UPDATE_PROFILE, { input: { companyName: 'Northwind Managed Services' } }, { token });
      expect((await me({ token })).body.data?.me).toMatchObject({
        name: 'Dana Whitfield',
        companyName: 'Northwind Managed Services',
      });

      await gql(server.url, UPDATE_PROFILE, { input: { name: '   ', companyName: null } }, { token });
      expect((await me({ token })).body.data?.me).toMatchObject({ name: null, companyName: null });
    });

    it('refuses what sign-up refuses, naming the field, and changes nothing', async () => {
      const { token } = await createVerifiedAccount(server, 'profile.invalid@acme-msp.test');
      await gql(server.url, UPDATE_PROFILE, { input: { name: 'Dana', companyName: 'Northwind MSP' } }, { token });

      const long = await gql(server.url, UPDATE_PROFILE, { input: { name: 'x'.repeat(101) } }, { token });
      expect(errorOf(long)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'name',
        message: 'Your name can be at most 100 characters.',
      });
      const control = await gql(
        server.url,
        UPDATE_PROFILE,
        { input: { name: 'Dana W', companyName: 'Northwind\nMSP' } },
        { token },
      );
      expect(errorOf(control)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'companyName',
        message: 'Company name cannot contain control characters or line breaks.',
      });
      const bidi = await gql(server.url, UPDATE_PROFILE, { input: { companyName: 'Acme \u202eCSM' } }, { token });
      expect(errorOf(bidi)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'companyName' });
      // 100 characters (emoji count as one each) is allowed.
      const hundred = await gql(server.url, UPDATE_PROFILE, { input: { name: '🙂'.repeat(100) } }, { token });
      expect(hundred.body.errors).toBeUndefined();
      await gql(server.url, UPDATE_PROFILE, { input: { name: 'Dana' } }, { token });

      expect((await me({ token })).body.data?.me).toMatchObject({ name: 'Dana', companyName: 'Northwind MSP' });
    });
  });

  describe('session required', () => {
    it('refuses both mutations without a session, and with a read-only API token', async () => {
      const { token } = await createVerifiedAccount(server, 'settings.tokens@acme-msp.test');
      const created = await gql<{ createApiToken: { token: string } }>(
        server.url,
        CREATE_API_TOKEN,
        { name: 'Monitor' },
        { token },
      );
      const apiToken = created.body.data?.createApiToken.token as string;
      expect(apiToken).toBeTruthy();

      for (const session of [{}, { token: apiToken }]) {
        const profile = await gql(server.url, UPDATE_PROFILE, { input: { name: 'Mallory' } }, session);
        const password = await changePassword(session, STRONG_PASSWORD, NEW_PASSWORD);
        const expected = session.token ? 'FORBIDDEN' : 'UNAUTHENTICATED';
        expect([errorOf(profile).code, errorOf(password).code]).toEqual([expected, expected]);
      }
      expect((await me({ token })).body.data?.me).toMatchObject({ name: null });
      expect((await login('settings.tokens@acme-msp.test', STRONG_PASSWORD)).body.errors).toBeUndefined();
    });
  });

  describe('changePassword', () => {
    it('refuses a missing or wrong current password on the currentPassword field, changing nothing', async () => {
      const email = 'change.wrong@acme-msp.test';
      const { token } = await createVerifiedAccount(server, email);
      const missing = await changePassword({ token }, '', NEW_PASSWORD);
      expect(errorOf(missing)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
        message: 'Enter your current password to change your password.',
      });
      const wrong = await changePassword({ token }, 'Not my password at all 1', NEW_PASSWORD);
      expect(errorOf(wrong)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'currentPassword',
        message: 'The current password is incorrect.',
      });
      expect(sessionCookieSet(wrong)).toBeNull();
      // Still signed in, the old password still works, the new one does not, and no email was sent.
      expect((await me({ token })).body.data?.me?.email).toBe(email);
      expect((await login(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
      expect(errorOf(await login(email, NEW_PASSWORD)).code).toBe('UNAUTHENTICATED');
      await server.settle();
      expect(server.mail.messages().filter((m) => m.subject === 'Your Mobius password was changed')).toHaveLength(0);
    });

    it('applies the sign-up password policy to the new password, which must differ from the current one', async () => {
      const email = 'change.policy@acme-msp.test';
      const { token } = await createVerifiedAccount(server, email);
      const cases: Array<[string, string]> = [
        ['', 'Enter a new password.'],
        ['Short 1', 'Use at least 10 characters.'],
        ['Password1234!', 'This password is too easy to guess.'],
        ['change.policy 2026 ledger', 'Your password must not contain your email address.'],
        ['Tab\tinside password 99', 'Passwords cannot contain control characters such as tabs or line breaks.'],
        [STRONG_PASSWORD, 'Choose a new password that is different from your current one.'],
      ];
      for (const [newPassword, message] of cases) {
        const res = await changePassword({ token }, STRONG_PASSWORD, newPassword);
        expect({ newPassword, ...errorOf(res) }).toEqual({
          newPassword,
          code: 'BAD_USER_INPUT',
          field: 'newPassword',
          message: expect.stringContaining(message),
        });
      }
      expect((await me({ token })).body.data?.me?.email).toBe(email);
      expect((await login(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
    });

    it('changes the password, ends every other session, keeps this one and emails the owner', async () => {
      const email = 'change.flow@acme-msp.test';
      await createVerifiedAccount(server, email);
      await gql(
        server.url,
        UPDATE_PROFILE,
        { input: { name: 'Dana Whitfield' } },
        { token: (await login(email, STRONG_PASSWORD)).body.data?.login.token },
      );
      // This browser (a cookie), another browser (a cookie) and an API client (a Bearer session).
      const browserLogin = await login(email, STRONG_PASSWORD);
      const thisBrowser = sessionCookieSet(browserLogin) as string;
      const otherBrowser = sessionCookieSet(await login(email, STRONG_PASSWORD)) as string;
      const apiClient = (await login(email, STRONG_PASSWORD)).body.data?.login.token as string;
      expect([thisBrowser, otherBrowser, apiClient].every(Boolean)).toBe(true);
      await server.settle();
      server.mail.clear();

      const res = await changePassword({ cookie: thisBrowser }, STRONG_PASSWORD, NEW_PASSWORD);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.changePassword.account.email).toBe(email);
      const renewed = sessionCookieSet(res);
      expect(renewed).not.toBeNull();
      expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);

      // This browser stays signed in with the cookie it was just given; the old cookie, like every other session, ended.
      expect((await me({ cookie: renewed as string })).body.data?.me?.email).toBe(email);
      expect((await me({ token: res.body.data?.changePassword.token })).body.data?.me?.email).toBe(email);
      expect((await me({ cookie: thisBrowser })).body.data?.me).toBeNull();
      expect((await me({ cookie: otherBrowser })).body.data?.me).toBeNull();
      const api = await me({ token: apiClient });
      expect({ status: api.status, code: errorOf(api).code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });

      expect(errorOf(await login(email, STRONG_PASSWORD)).code).toBe('UNAUTHENTICATED');
      expect((await login(email, NEW_PASSWORD)).body.errors).toBeUndefined();

      // One "password changed" email through the outbox and the SendGrid simulator, without the password.
      await server.settle();
      const changed = server.mail.messages().filter((m) => m.subject === 'Your Mobius password was changed');
      expect(changed).toHaveLength(1);
      const [message] = changed;
      expect(message?.to).toEqual([{ email }]);
      expect(message?.text).toContain('Hello Dana Whitfield,');
      expect(message?.text).toMatch(
        /was changed on the Account settings page on \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT\. Every other session was signed out\./,
      );
      expect(message?.text).toContain('If this was not you, use Forgot Password now to choose a new password');
      expect(message?.text).toContain(`Forgot Password: ${server.url}/forgot-password`);
      expect(message?.text).not.toContain(NEW_PASSWORD);
      expect(message?.html).not.toContain(NEW_PASSWORD);
      expect(message?.text).not.toContain(STRONG_PASSWORD);
    });

    it('lets exactly one of two parallel changes with the same current password succeed', async () => {
      const email = 'change.parallel@acme-msp.test';
      const { token } = await createVerifiedAccount(server, email);
      await server.settle();
      server.mail.clear();
      const candidates = ['First parallel passphrase 31', 'Second parallel passphrase 47'];
      const results = await Promise.all(candidates.map((next) => changePassword({ token }, STRONG_PASSWORD, next)));

      const won = results.findIndex((res) => !res.body.errors);
      expect(won).toBeGreaterThanOrEqual(0);
      const lost = results[1 - won] as GraphQLResponse;
      expect(errorOf(lost)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
      expect((await login(email, candidates[won])).body.errors).toBeUndefined();
      expect(errorOf(await login(email, candidates[1 - won])).code).toBe('UNAUTHENTICATED');
      await server.settle();
      expect(server.mail.messages().filter((m) => m.subject === 'Your Mobius password was changed')).toHaveLength(1);
    });

    it('voids a reset link sent before the change', async () => {
      const email = 'change.reset-link@acme-msp.test';
      const { token } = await createVerifiedAccount(server, email);
      await resetBudgets(server);
      await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
      await server.settle();
      const link = tokenFromEmail(server.mail, email, '/reset-password');

      expect((await changePassword({ token }, STRONG_PASSWORD, NEW_PASSWORD)).body.errors).toBeUndefined();
      const reset = await gql(
        server.url,
        MUTATIONS.resetPassword,
        { token: link, password: 'Someone else chose this 55', passwordConfirmation: 'Someone else chose this 55' },
        { ip: freshIp() },
      );
      expect(errorOf(reset).code).toBe('INVALID_TOKEN');
      expect((await login(email, NEW_PASSWORD)).body.errors).toBeUndefined();
    });

    it('pauses after 10 wrong current passwords, even with the right one, like logins', async () => {
      const email = 'change.throttle@acme-msp.test';
      const { token } = await createVerifiedAccount(server, email);
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => changePassword({ token }, `Wrong password number ${i}`, NEW_PASSWORD)),
      );
      const codes = attempts.map((res) => errorOf(res).code);
      expect(codes.filter((code) => code === 'BAD_USER_INPUT')).toHaveLength(10);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(2);

      const right = await changePassword({ token }, STRONG_PASSWORD, NEW_PASSWORD);
      expect(errorOf(right)).toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/try again in 15 minutes/),
      });
      expect((await login(email, STRONG_PASSWORD)).body.errors).toBeUndefined();
    });
  });
});
