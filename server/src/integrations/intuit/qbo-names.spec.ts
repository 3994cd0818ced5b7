import demoGlExport from '../connectwise/__fixtures__/gl-export.json';
import { mapGlExport } from '../connectwise/mappers';
import edgeGlExport from './__fixtures__/cw-gl-export-edge-cases.json';
import { cleanQboName, clipText, nameDigest, qboCustomerDisplayName, qboItemName } from './qbo-names';

const DIGEST = /~[a-z2-7]{6}$/;

describe('cleanQboName', () => {
  it('turns : into -, control characters into spaces, collapses spaces and trims', () => {
    const [smith] = mapGlExport(edgeGlExport).customers;
    expect(smith.name).toBe('Smith: Jones\tAssociates\n  LLP');
    expect(cleanQboName(smith.name, 500)).toBe('Smith- Jones Associates LLP');
    expect(cleanQboName('\u0000A\u0007B\u2028C\r\nD\u00a0 E ', 500)).toBe('A B C D E');
    expect(cleanQboName('a::b', 500)).toBe('a--b');
  });

  it('leaves the demo names as they are', () => {
    const names = mapGlExport(demoGlExport).customers.map((customer) => customer.name);
    expect(names.map((name) => cleanQboName(name, 500))).toEqual(names);
  });

  it('shortens a long name to its first characters, ~ and six digest characters', () => {
    const long = `Acme ${'Dental '.repeat(100)}Group`;
    const name = cleanQboName(long, 500);
    expect(name).toHaveLength(500);
    expect(name).toMatch(DIGEST);
    expect(name.startsWith('Acme Dental Dental')).toBe(true);
    expect(name.slice(0, -7)).toBe(long.slice(0, 493));
    expect(cleanQboName(long, 500)).toBe(name);
  });

  it('gives long names that share their first characters different names', () => {
    const prefix = 'x'.repeat(600);
    const one = cleanQboName(`${prefix} one`, 100);
    const two = cleanQboName(`${prefix} two`, 100);
    expect(one).not.toBe(two);
    expect(one.slice(0, 93)).toBe(two.slice(0, 93));
    expect([one, two].every((name) => name.length === 100 && DIGEST.test(name))).toBe(true);
  });

  it('digests the original, so raw names that clean alike stay apart once shortened', () => {
    const a = cleanQboName(`${'y'.repeat(200)}:z`, 100);
    const b = cleanQboName(`${'y'.repeat(200)}-z`, 100);
    expect(a).not.toBe(b);
  });

  it('trims the space before ~ and never splits a surrogate pair', () => {
    expect(cleanQboName(`${'a'.repeat(92)} ${'b'.repeat(20)}`, 100)).toMatch(/^a{92}~[a-z2-7]{6}$/);
    const emoji = cleanQboName('😀'.repeat(60), 100);
    expect(emoji.length).toBeLessThanOrEqual(100);
    expect(emoji).toMatch(/^(😀)+~[a-z2-7]{6}$/u);
  });

  it('never returns an empty name', () => {
    expect(cleanQboName('', 500)).toMatch(/^Unnamed~[a-z2-7]{6}$/);
    expect(cleanQboName(' \t\n', 500)).toMatch(/^Unnamed~[a-z2-7]{6}$/);
    expect(cleanQboName(' \t\n', 500)).not.toBe(cleanQboName('', 500));
    expect(cleanQboName('', 8)).toMatch(/^~[a-z2-7]{6}$/);
    expect(() => cleanQboName('abc', 7)).toThrow(RangeError);
  });

  it('digests with a case-free alphabet, as QBO compares names without case', () => {
    expect(nameDigest('Acme')).toMatch(/^[a-z2-7]{6}$/);
    expect(nameDigest('Acme')).toBe(nameDigest('Acme'));
    expect(nameDigest('Acme')).not.toBe(nameDigest('acme'));
  });
});

describe('qboCustomerDisplayName', () => {
  const [acme] = mapGlExport(demoGlExport).customers;

  it('appends the account number in parentheses when the setting is on', () => {
    expect(qboCustomerDisplayName(acme, { appendAccountNumber: true })).toBe('Acme Dental Group (C1001)');
    expect(qboCustomerDisplayName(acme, { appendAccountNumber: false })).toBe('Acme Dental Group');
  });

  it('uses the name alone when there is no account number', () => {
    expect(qboCustomerDisplayName({ name: 'Harbor Clinic', accountNumber: null }, { appendAccountNumber: true })).toBe(
      'Harbor Clinic',
    );
    expect(qboCustomerDisplayName({ name: 'Harbor Clinic', accountNumber: ' ' }, { appendAccountNumber: true })).toBe(
      'Harbor Clinic',
    );
  });

  it('shortens a long name before the account number, which stays whole', () => {
    const name = qboCustomerDisplayName(
      { name: 'Clinic '.repeat(100), accountNumber: 'C1001' },
      { appendAccountNumber: true },
    );
    expect(name).toHaveLength(500);
    expect(name).toMatch(/~[a-z2-7]{6} \(C1001\)$/);
  });

  it('cleans the account number too and does not append it twice', () => {
    expect(qboCustomerDisplayName({ name: 'Acme', accountNumber: 'C:10\t01' }, { appendAccountNumber: true })).toBe(
      'Acme (C-10 01)',
    );
    expect(
      qboCustomerDisplayName({ name: 'Acme (C1001)', accountNumber: 'C1001' }, { appendAccountNumber: true }),
    ).toBe('Acme (C1001)');
  });
});

describe('qboItemName', () => {
  it('cleans a PSA item identifier and keeps it within 100 characters', () => {
    expect(qboItemName('Labor: Remote')).toBe('Labor- Remote');
    expect(qboItemName('MS-GOLD')).toBe('MS-GOLD');
    const long = qboItemName('SKU-'.repeat(40));
    expect(long).toHaveLength(100);
    expect(long).toMatch(DIGEST);
  });
});

describe('clipText', () => {
  it('cuts free text to a length, ending in …', () => {
    expect(clipText('abcdef', 6)).toBe('abcdef');
    expect(clipText('abcdefg', 6)).toBe('abcde…');
  });
});
