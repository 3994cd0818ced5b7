import {
  centsToDecimal,
  divide,
  formatDecimal,
  formatMoney,
  multiply,
  parseDecimal,
  rescale,
  toCents,
} from './decimal';

describe('decimal', () => {
  it('parses and writes decimal strings exactly', () => {
    expect(formatDecimal(parseDecimal('329.990'))).toBe('329.99');
    expect(formatDecimal(parseDecimal('-0.000'))).toBe('0');
    expect(formatDecimal(parseDecimal('-1.5'))).toBe('-1.5');
    expect(formatDecimal(parseDecimal('12345678901234567890.123'))).toBe('12345678901234567890.123');
    expect(() => parseDecimal('1e3')).toThrow(RangeError);
    expect(() => parseDecimal('')).toThrow(RangeError);
  });

  it('multiplies without floats: 3 × 329.99 is 989.97 and 0.1 × 0.2 is 0.02', () => {
    expect(formatDecimal(multiply(parseDecimal('3'), parseDecimal('329.99')))).toBe('989.97');
    expect(formatDecimal(multiply(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.02');
  });

  it('rounds half away from zero, to cents and to any scale', () => {
    expect(toCents(parseDecimal('1.005'))).toBe(101);
    expect(toCents(parseDecimal('-1.005'))).toBe(-101);
    expect(toCents(parseDecimal('1.00499999'))).toBe(100);
    expect(formatDecimal(rescale(parseDecimal('2.5'), 0))).toBe('3');
    expect(formatDecimal(rescale(parseDecimal('-2.5'), 0))).toBe('-3');
    expect(formatDecimal(rescale(parseDecimal('2.5'), 3))).toBe('2.5');
  });

  it('divides to a scale: 100.00 / 3 and -100.00 / 7', () => {
    expect(formatDecimal(divide(centsToDecimal(10000), parseDecimal('3'), 3))).toBe('33.333');
    expect(formatDecimal(divide(centsToDecimal(20000), parseDecimal('3'), 2))).toBe('66.67');
    expect(formatDecimal(divide(centsToDecimal(-10000), parseDecimal('7'), 3))).toBe('-14.286');
    expect(() => divide(centsToDecimal(1), parseDecimal('0'), 2)).toThrow(RangeError);
  });

  it('words money for people', () => {
    expect(formatMoney(120000)).toBe('$1,200.00');
    expect(formatMoney(-5)).toBe('-$0.05');
    expect(formatMoney(123456789, 'usd')).toBe('$1,234,567.89');
    expect(formatMoney(100, 'EUR')).toBe('1.00 EUR');
  });
});
