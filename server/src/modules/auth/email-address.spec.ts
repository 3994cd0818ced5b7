import { normalizeEmail, parseEmail } from './email-address';

describe('email addresses', () => {
  it('trims and lower-cases the whole address', () => {
    expect(normalizeEmail('  Dana.Smith+PSA@Acme-MSP.com ')).toBe('dana.smith+psa@acme-msp.com');
  });

  it.each(['user+tag@example.com', 'a.b-c@sub.example.co.uk', 'x@xn--exmple-cua.com'])('accepts %j', (email) => {
    expect(parseEmail(email)).toBe(email);
  });

  it.each([
    'a@b',
    'a@b.com.',
    '"quoted local"@example.com',
    'Dana <dana@example.com>',
    'a@127.0.0.1',
    'a b@example.com',
  ])('refuses %j', (email) => {
    expect(() => parseEmail(email)).toThrow('Enter a valid email address, like name@company.com.');
  });
});
