import { centsToDecimal, formatMoney, formatTotal, sumByCurrency } from './money';

describe('money', () => {
  it('writes cents as an exact decimal string', () => {
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(-2550)).toBe('-25.50');
    expect(centsToDecimal(0)).toBe('0.00');
    // Past 2^53 / 100 a float division would already round.
    expect(centsToDecimal(900719925474099)).toBe('9007199254740.99');
  });

  it('formats in the invoice currency, or as a plain amount when it is unknown', () => {
    expect(formatMoney(123456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(-2550, 'USD')).toBe('-$25.50');
    expect(formatMoney(10, 'EUR')).toBe('€0.10');
    expect(formatMoney(123456, null)).toBe('1,234.56');
    expect(formatMoney(100, 'NOPE')).toBe('1.00 NOPE');
  });

  it('adds up integer cents per currency', () => {
    const items = [
      { totalCents: 10, currency: 'USD' },
      { totalCents: 20, currency: 'USD' },
      { totalCents: 7, currency: 'CAD' },
    ];
    expect(sumByCurrency(items)).toEqual([
      { currency: 'USD', cents: 30 },
      { currency: 'CAD', cents: 7 },
    ]);
    // 0.1 + 0.2 in floats is 0.30000000000000004.
    expect(formatTotal(items)).toBe('$0.30 + CA$0.07');
    expect(formatTotal([])).toBe('0.00');
  });
});
