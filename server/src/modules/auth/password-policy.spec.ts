import { DomainError } from '../../lib/errors';
import { assertAcceptablePassword } from './password-policy';

function problem(password: string, confirmation = password, email: string | null = 'owner@acme-msp.test') {
  try {
    assertAcceptablePassword(password, confirmation, email);
    return null;
  } catch (error) {
    return { field: (error as DomainError).field, message: (error as DomainError).message };
  }
}

describe('assertAcceptablePassword', () => {
  it.each(['correct horse battery staple', 'пароль-🙂-пароль', 'Tr0ub4dor&3-but-longer', `${'a1b2'.repeat(18)}`])(
    'accepts %j',
    (password) => expect(problem(password)).toBeNull(),
  );

  it.each([
    ['123456789', 'Use at least 10 characters.'],
    ['password1234', 'This password is too common and easy to guess. Choose something less predictable.'],
    ['qwertyuiopas', 'This password is too common and easy to guess. Choose something less predictable.'],
    ['zyxwvutsrqpo', 'This password is too common and easy to guess. Choose something less predictable.'],
    ['aaaaaaaaaaaa', 'This password is too common and easy to guess. Choose something less predictable.'],
    ['owner-secret-2026', 'Your password must not contain your email address.'],
  ])('refuses %j', (password, message) => {
    expect(problem(password)).toEqual({ field: 'password', message });
  });

  it('counts bytes, not characters, against the 72-byte bcrypt limit', () => {
    expect(problem('ab3d'.repeat(18))).toBeNull();
    expect(problem('a'.repeat(73))?.message).toMatch(/^Use at most 72 bytes/);
    expect(problem('é'.repeat(37))?.message).toMatch(/^Use at most 72 bytes/); // 74 bytes, 37 characters
  });

  it('names the confirmation field when the two differ', () => {
    expect(problem('a long enough pass', 'a long enough pass ')).toEqual({
      field: 'passwordConfirmation',
      message: 'Passwords do not match.',
    });
  });
});
