import { utf8ByteLength, validateEmail, validateNewPassword, validatePasswordConfirmation } from './validation';

describe('password rules', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('🔒')).toBe(4);
  });

  it('rejects passwords shorter than 10 characters', () => {
    expect(validateNewPassword('short')).toMatch(/at least 10 characters/);
    expect(validateNewPassword('ten chars!')).toBeNull();
  });

  it('rejects passwords over 72 bytes even when they have fewer characters', () => {
    const emoji = '🔒'.repeat(19); // 19 characters, 76 bytes
    expect(validateNewPassword(emoji)).toMatch(/at most 72 bytes/);
    expect(validateNewPassword('a'.repeat(72))).toBeNull();
    expect(validateNewPassword('a'.repeat(73))).toMatch(/at most 72 bytes/);
  });

  it('says "Passwords do not match." for a different confirmation', () => {
    expect(validatePasswordConfirmation('one password', 'another one')).toBe('Passwords do not match.');
    expect(validatePasswordConfirmation('same password', 'same password')).toBeNull();
  });

  it('catches an obviously mistyped email address', () => {
    expect(validateEmail('')).toMatch(/Enter your email/);
    expect(validateEmail('bookkeeper@example')).toMatch(/valid email/);
    expect(validateEmail(' bookkeeper@example.com ')).toBeNull();
  });
});
