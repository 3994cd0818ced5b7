import { hasControlCharacters } from './text';

describe('hasControlCharacters', () => {
  it.each(['\u0000', '\t', '\n', '\r', '\u001f', '\u007f'])('refuses C0 control %j and DEL always', (c) => {
    expect(hasControlCharacters(`a${c}b`)).toBe(true);
    expect(hasControlCharacters(`a${c}b`, ['c1', 'bidi', 'invisible'])).toBe(true);
  });

  it('accepts printable text of any script, emoji and plain spaces', () => {
    expect(hasControlCharacters('Zoë Ørsted – 東京 🎉 ok', ['c1', 'bidi', 'invisible'])).toBe(false);
    // An emoji sequence joins its parts with U+200D, a zero-width character: refused only with `invisible`.
    expect(hasControlCharacters('👩\u200d💻', ['c1', 'bidi'])).toBe(false);
    expect(hasControlCharacters('👩\u200d💻', ['invisible'])).toBe(true);
    expect(hasControlCharacters('a b\u00a0c')).toBe(false);
  });

  it.each([
    ['c1', '\u0080'],
    ['c1', '\u009f'],
    ['bidi', '\u202a'],
    ['bidi', '\u202e'],
    ['bidi', '\u2066'],
    ['bidi', '\u2069'],
    ['invisible', '\u200b'],
    ['invisible', '\u200f'],
    ['invisible', '\ufeff'],
  ] as const)('refuses %s character %j only when asked', (kind, c) => {
    expect(hasControlCharacters(`a${c}b`)).toBe(false);
    expect(hasControlCharacters(`a${c}b`, [kind])).toBe(true);
    const others = (['c1', 'bidi', 'invisible'] as const).filter((k) => k !== kind);
    expect(hasControlCharacters(`a${c}b`, others)).toBe(false);
  });

  it('answers the same whatever the order of the classes (the compiled pattern is shared)', () => {
    expect(hasControlCharacters('a\u202eb', ['bidi', 'c1'])).toBe(true);
    expect(hasControlCharacters('a\u202eb', ['c1', 'bidi'])).toBe(true);
    expect(hasControlCharacters('a\u0085b', ['bidi', 'c1'])).toBe(true);
  });
});
