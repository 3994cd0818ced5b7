import { DomainError } from '../../lib/errors';
import { assertAcceptablePassword, type PasswordContext } from './password-policy';

const OWNER: PasswordContext = { email: 'owner@acme-msp.test', name: 'Dana Whitfield', companyName: 'Acme MSP' };

async function problem(password: string, confirmation = password, context: PasswordContext = OWNER) {
  try {
    await assertAcceptablePassword(password, confirmation, context);
    return null;
  } catch (error) {
    return { field: (error as DomainError).field, message: (error as DomainError).message };
  }
}

const TOO_GUESSABLE = /^This password is too easy to guess\. /;

describe('assertAcceptablePassword', () => {
  it.each([
    'correct horse battery staple',
    'пароль-🙂-пароль',
    'Tr0ub4dor&3-but-longer',
    'x7#Kp2!vQz', // ten random characters, as a password manager makes them
    'Correct horse battery staple 42',
  ])('accepts %j', async (password) => expect(await problem(password)).toBeNull());

  it.each(['Password1234!', 'iloveyou2024', 'Summer2024!!', 'password1234', '123456789012', 'qwertyuiopas'])(
    'refuses the guessable %j with the estimator’s feedback',
    async (password) => {
      const refused = await problem(password);
      expect(refused?.field).toBe('password');
      expect(refused?.message).toMatch(TOO_GUESSABLE);
    },
  );

  it('names what makes a password guessable and how to improve it', async () => {
    expect(await problem('Password1234!')).toEqual({
      field: 'password',
      message:
        'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common. Capitalize more than the first letter.',
    });
    expect((await problem('Summer2024!!'))?.message).toBe(
      'This password is too easy to guess. Add another word or two. Uncommon words are better.',
    );
  });

  it.each([
    ['zyxwvutsrqpo'],
    ['aaaaaaaaaaaa'],
    ['a1b2a1b2a1b2a1b2a1b2'],
    ['p4$$w0rd'.repeat(9)], // 72 bytes of l33t: still judged within the substitution cap
  ])('refuses the pattern %j', async (password) => {
    expect((await problem(password))?.message).toMatch(TOO_GUESSABLE);
  });

  it("counts the user's name, company and email address as easy guesses", async () => {
    for (const password of ['DanaWhitfield2026', 'AcmeMSP-Whitfield', 'Dana Whitfield 77']) {
      expect(await problem(password, password, { email: 'someone@example.com' })).toBeNull();
      expect((await problem(password))?.message).toMatch(TOO_GUESSABLE);
    }
  });

  it('refuses a password that contains the email address', async () => {
    expect(await problem('owner-secret-2026')).toEqual({
      field: 'password',
      message: 'Your password must not contain your email address.',
    });
  });

  it.each([
    ['123456789', 'Use at least 10 characters.'],
    ['', 'Enter a password.'],
    ['            ', 'A password cannot be only spaces.'],
  ])('refuses %j: %s', async (password, message) => {
    expect(await problem(password)).toEqual({ field: 'password', message });
  });

  it('counts bytes, not characters, against the 72-byte bcrypt limit', async () => {
    const strong72 = 'Quiet lanterns drift over the harbour at dawn while gulls argue 12345678'; // 72 bytes
    expect(Buffer.byteLength(strong72)).toBe(72);
    expect(await problem(strong72)).toBeNull();
    expect((await problem(`${strong72}8`))?.message).toMatch(/^Use at most 72 bytes/);
    expect((await problem('é'.repeat(37)))?.message).toMatch(/^Use at most 72 bytes/); // 74 bytes, 37 characters
  });

  it('names the confirmation field when the two differ', async () => {
    expect(await problem('a long enough passphrase', 'a long enough passphrase ')).toEqual({
      field: 'passwordConfirmation',
      message: 'Passwords do not match.',
    });
  });
});
