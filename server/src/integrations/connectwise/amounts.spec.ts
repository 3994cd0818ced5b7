import { centsToDecimalString, toCents, toDecimalString } from './amounts';

describe('toCents', () => {
  it.each([
    [0, 0],
    [12.34, 1234],
    [1349, 134900],
    [329.99, 32999],
    [1.005, 101],
    [-1.005, -101],
    [0.1 + 0.2, 30],
    [-725, -72500],
    [5036.97, 503697],
    [-0, 0],
  ])('%p → %p', (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it('refuses values that are not finite numbers', () => {
    expect(() => toCents(Number.NaN)).toThrow(RangeError);
    expect(() => toCents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('toDecimalString', () => {
  it.each([
    [1, '1'],
    [2.5, '2.5'],
    [-1.5, '-1.5'],
    [6.75, '6.75'],
    [0.1 + 0.2, '0.3'],
    [0.125, '0.125'],
    [1e-9, '0'],
    [-0, '0'],
  ])('%p → %p', (value, text) => {
    expect(toDecimalString(value)).toBe(text);
  });
});

describe('centsToDecimalString', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [134900, '1349.00'],
    [-72550, '-725.50'],
  ])('%p → %p', (cents, text) => {
    expect(centsToDecimalString(cents)).toBe(text);
  });
});
