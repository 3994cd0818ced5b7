/**
 * ConnectWise sends money as JSON numbers. We round once, here, into integer cents (totals) or exact decimal
 * strings (quantities and unit prices, which may carry more than two decimals) and never do float arithmetic later.
 */

/** 12.345 → 1235, -1.005 → -101 (half away from zero, on the decimal the number was written as). */
export function toCents(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError('amount is not a finite number');
  // toPrecision(15) drops binary noise such as 1.005 * 100 = 100.49999999999999.
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  const cents = Math.round(scaled) * Math.sign(value);
  return cents === 0 ? 0 : cents;
}

/** 1.5 → "1.5", 3 → "3", 0.1 + 0.2 → "0.3", -2.125 → "-2.125" (at most maxFractionDigits, trailing zeros dropped). */
export function toDecimalString(value: number, maxFractionDigits = 6): string {
  if (!Number.isFinite(value)) throw new RangeError('quantity is not a finite number');
  const fixed = Number(value.toPrecision(15)).toFixed(maxFractionDigits);
  const trimmed = fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Integer cents → "1234.50" (for display and for APIs that want a decimal string). */
export function centsToDecimalString(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be a safe integer');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
