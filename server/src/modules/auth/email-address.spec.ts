import { normalizeEmail, parseEmail } from './email-address';

describe('email addresses', () => {
  it('trims and lower-cases the whole address', () => {
    expect(normalizeEmail('  Dana.Smith+PSA@Acme-MSP.com ')).toBe('dana.smith+psa@acme-msp.com');
  });

  it.each(['user+tag@example.com', 'a.b-c@sub.example.co.uk', 'x@xn--exmple-cua.com'])('accepts %j', (email) => {
    expect(parseEmail(email)).toBe(email);
  });

  it.each([
    ['user@exämple.com', 'user@xn--exmple-cua.com'],
    ['User@EXÄMPLE.com', 'user@xn--exmple-cua.com'],
    ['user@XN--EXMPLE-CUA.COM', 'user@xn--exmple-cua.com'],
    ['user@ｅｘａｍｐｌｅ.com', 'user@example.com'], // fullwidth letters: IDNA maps them to ASCII
    ['owner@bücher.example.de', 'owner@xn--bcher-kva.example.de'],
    ['jos\u0065\u0301@example.com', 'jos\u00e9@example.com'], // NFD local part: one account with NFC
  ])('stores the domain of %j in its ASCII (IDNA) form: %j', (raw, stored) => {
    expect(parseEmail(raw)).toBe(stored);
  });

  it('makes the Unicode and the ASCII form of a domain one address', () => {
    expect(parseEmail('user@exämple.com')).toBe(parseEmail('user@xn--exmple-cua.com'));
  });

  it.each([
    'a@b',
    'a@b.com.',
    '"quoted local"@example.com',
    'Dana <dana@example.com>',
    'a@127.0.0.1',
    'a b@example.com',
    'a@ex%61mple.com', // no percent-decoding into another domain
    'a@exa_mple.com',
    'a@xn--a.com', // invalid punycode
    'a@example\u3002com', // ideographic full stop
    'a@exam\ud800ple.com', // lone surrogate
  ])('refuses %j', (email) => {
    expect(() => parseEmail(email)).toThrow('Enter a valid email address, like name@company.com.');
  });
});
