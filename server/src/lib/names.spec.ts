import { MAX_NAME_LENGTH, nameKey, parseName } from './names';

/** Names people give things: QuickBooks Online configurations (and API tokens, with their own label). */

function refusal(raw: unknown, label?: string): { code: string; field?: string; message: string } {
  try {
    parseName(raw, label);
  } catch (error) {
    const e = error as { code: string; field?: string; message: string };
    return { code: e.code, field: e.field, message: e.message };
  }
  throw new Error(`${JSON.stringify(raw)} was accepted`);
}

describe('parseName', () => {
  it('trims, normalises to NFC and keys case-insensitively', () => {
    expect(parseName('  EMEA  ')).toEqual({ name: 'EMEA', key: 'emea' });
    // "é" typed as e + combining accent is the same name as the precomposed one.
    const decomposed = parseName('Cafe\u0301');
    expect(decomposed.name).toBe('Caf\u00e9');
    expect(decomposed.key).toBe(parseName('CAF\u00c9').key);
  });

  it('accepts 50 characters, counted as people see them (an emoji is one), and refuses 51', () => {
    expect(parseName('a'.repeat(MAX_NAME_LENGTH)).name).toHaveLength(MAX_NAME_LENGTH);
    expect(parseName('😀'.repeat(MAX_NAME_LENGTH)).name).toBe('😀'.repeat(MAX_NAME_LENGTH));
    expect(refusal('a'.repeat(MAX_NAME_LENGTH + 1))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      message: 'The name can be at most 50 characters.',
    });
  });

  it('refuses an empty or blank name', () => {
    for (const raw of ['', '   ', '\t']) {
      expect(refusal(raw)).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'name',
        message: 'Enter a name (1–50 characters).',
      });
    }
  });

  it.each([
    ['a line break', 'EMEA\nWest'],
    ['a tab inside', 'EMEA\tWest'],
    ['a NUL', 'EMEA\u0000'],
    ['DEL', 'EMEA\u007f'],
    ['a C1 control', 'EMEA\u0085'],
    ['a zero-width space', 'EM\u200bEA'],
    ['a right-to-left override', '\u202eAEME'],
    ['a bidi isolate', 'EMEA\u2066'],
    ['a byte-order mark inside', 'EM\ufeffEA'],
  ])('refuses %s', (_what, raw) => {
    expect(refusal(raw)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'name',
      message: 'The name cannot contain control characters, line breaks or invisible characters.',
    });
  });

  it('refuses a lone surrogate', () => {
    expect(refusal('EMEA\ud800').message).toBe('The name contains an invalid character.');
  });

  it('refuses anything but text, and names what it is checking', () => {
    expect(refusal(42).message).toBe('The name must be text.');
    expect(refusal(null, 'The token name').message).toBe('The token name must be text.');
    expect(refusal('x'.repeat(51), 'The token name').message).toBe('The token name can be at most 50 characters.');
  });
});

describe('nameKey', () => {
  it('is the same for names that differ only in case, spacing around them or composition', () => {
    expect(nameKey(' Acme ')).toBe(nameKey('ACME'));
    expect(nameKey('Cafe\u0301')).toBe(nameKey('Café'));
    expect(nameKey('Acme')).not.toBe(nameKey('Acme 2'));
  });
});
