import { IsNull } from 'typeorm';
import { Account } from '../../src/modules/account';
import { SingleUseTokenRecord } from '../../src/modules/tokens/single-use-token.entity';
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
} from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

const EMAIL_LINK =
  'query($token: String!, $purpose: EmailLinkPurpose!) { emailLink(token: $token, purpose: $purpose) { valid email reason } }';

type EmailLinkAnswer = {
  emailLink: { valid: boolean; email: string | null; reason: string | null };
};

const NEW_PASSWORD = 'A brand new passphrase 2026';

/** The `emailLink` query: the set-password and reset pages read their link on open, without using it up. */
describe.each(testDialects)('reading an emailed link on %s', (dialect) => {
  const server = useTestServer(dialect, { clearMail: true, resetBudgets: true });

  const read = (token: string, purpose: 'VERIFY' | 'RESET', ip = freshIp()) =>
    gql<EmailLinkAnswer>(server.url, EMAIL_LINK, { token, purpose }, { ip });

  async function resetLink(email: string): Promise<string> {
    await resetBudgets(server);
    await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
    await server.settle();
    return tokenFromEmail(server.mail, email, '/reset-password');
  }

  it('names the account of a live reset link without a session, and reading it uses nothing up', async () => {
    const email = 'links.reset@acme-msp.test';
    await createVerifiedAccount(server, email);
    const token = await resetLink(email);
    for (let i = 0; i < 3; i += 1) {
      const answer = await read(token, 'RESET');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ data: { emailLink: { valid: true, email, reason: null } } });
    }
    const done = await gql(
      server.url,
      MUTATIONS.resetPassword,
      { token, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
      { ip: freshIp() },
    );
    expect(done.body.errors).toBeUndefined();
    expect((await read(token, 'RESET')).body.data?.emailLink).toEqual({ valid: false, email: null, reason: 'USED' });
  });

  it('names the account of a live sign-up link, and calls it used once the password is set', async () => {
    const email = 'links.verify@acme-msp.test';
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    const token = tokenFromEmail(server.mail, email, '/verify-email');
    expect((await read(token, 'VERIFY')).body.data?.emailLink).toEqual({ valid: true, email, reason: null });
    // The same token read as the other kind of link is no such link.
    expect((await read(token, 'RESET')).body.data?.emailLink).toEqual({ valid: false, email: null, reason: 'INVALID' });
    const done = await gql(
      server.url,
      MUTATIONS.verifyEmail,
      { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      { ip: freshIp() },
    );
    expect(done.body.errors).toBeUndefined();
    expect((await read(token, 'VERIFY')).body.data?.emailLink).toEqual({ valid: false, email: null, reason: 'USED' });
  });

  it('calls a link voided by a newer one used, and an hour-old reset link expired', async () => {
    const email = 'links.expired@acme-msp.test';
    await createVerifiedAccount(server, email);
    const first = await resetLink(email);
    server.mail.clear();
    const second = await resetLink(email);
    expect((await read(first, 'RESET')).body.data?.emailLink).toEqual({ valid: false, email: null, reason: 'USED' });
    expect((await read(second, 'RESET')).body.data?.emailLink).toEqual({ valid: true, email, reason: null });

    // The hour passes: the live link's expiry moves into the past.
    const { id: accountId } = await server.db.dataSource.getRepository(Account).findOneByOrFail({ email });
    await server.db.dataSource
      .getRepository(SingleUseTokenRecord)
      .update({ purpose: 'PASSWORD_RESET', accountId, usedAt: IsNull() }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await read(second, 'RESET')).body.data?.emailLink).toEqual({
      valid: false,
      email: null,
      reason: 'EXPIRED',
    });
    // An expired link still refuses the password, as the page now says before one is typed.
    const refused = await gql(
      server.url,
      MUTATIONS.resetPassword,
      { token: second, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD },
      { ip: freshIp() },
    );
    expect(errorOf(refused).code).toBe('INVALID_TOKEN');
  });

  it('says only INVALID for unknown or mangled tokens, and limits how many one client may try', async () => {
    const ip = freshIp();
    const unknown = 'A'.repeat(43);
    for (const token of [unknown, 'short', '', `${unknown}x`]) {
      const answer = await read(token, 'RESET', ip);
      expect(answer.body).toEqual({ data: { emailLink: { valid: false, email: null, reason: 'INVALID' } } });
    }
    // Ten unknown tokens from one client, as with wrong tokens submitted: then the client must wait.
    for (let i = 0; i < 6; i += 1) await read(unknown, 'VERIFY', ip);
    const limited = await read(unknown, 'VERIFY', ip);
    expect(errorOf(limited)).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many invalid links were tried from your network\. Please try again in/),
    });
    // Another client is not affected.
    expect((await read(unknown, 'VERIFY')).body.data?.emailLink.reason).toBe('INVALID');
  });

  it('refuses a purpose that is not a kind of link, naming the argument', async () => {
    const answer = await gql(server.url, EMAIL_LINK, { token: 'A'.repeat(43), purpose: 'LOGIN' }, { ip: freshIp() });
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.message).toMatch(/purpose/);
  });
});
