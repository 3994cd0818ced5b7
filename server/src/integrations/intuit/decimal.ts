/**
 * Exact decimal arithmetic on the decimal strings the PSA mapper produces (quantities, unit prices) and on
 * integer cents, with BigInt: no float ever touches an amount here (docs/psa-to-qbo-mapping.md, "Rounding").
 */

/** A decimal number: `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseDecimal(value: string): Decimal {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign ? -units : units, scale: fraction.length };
}

export function centsToDecimal(cents: number): Decimal {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be a safe integer');
  return { units: BigInt(cents), scale: 2 };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function negate(value: Decimal): Decimal {
  return { units: -value.units, scale: value.scale };
}

export function isZero(value: Decimal): boolean {
  return value.units === 0n;
}

/** numerator / denominator as an integer, half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** Rounds (half away from zero) or pads to exactly `scale` decimal places. */
export function rescale(value: Decimal, scale: number): Decimal {
  if (scale >= value.scale) return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  return { units: divideRounded(value.units, 10n ** BigInt(value.scale - scale)), scale };
}

/** The value rounded half away from zero to whole cents. */
export function toCents(value: Decimal): number {
  const cents = rescale(value, 2).units;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER) || cents < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount out of range');
  }
  return Number(cents);
}

/** dividend / divisor rounded half away from zero to `scale` decimal places. */
export function divide(dividend: Decimal, divisor: Decimal, scale: number): Decimal {
  // (a / 10^sa) / (b / 10^sb) * 10^scale = a * 10^(sb + scale) / (b * 10^sa)
  const numerator = dividend.units * 10n ** BigInt(divisor.scale + scale);
  const denominator = divisor.units * 10n ** BigInt(dividend.scale);
  return { units: divideRounded(numerator, denominator), scale };
}

/** "-12.5000" style values → "-12.5"; whole numbers lose the point. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, '');
  const text = fraction === '' ? whole : `${whole}.${fraction}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/**
 * The JSON number QBO is sent. Decimal strings of up to 15 significant digits survive the trip exactly:
 * JSON.stringify writes the shortest representation, which is these digits.
 */
export function toJsonNumber(value: Decimal): number {
  return Number(formatDecimal(value));
}

/** 120000 → "$1,200.00" (USD or unknown currency), -5000 with "EUR" → "-50.00 EUR". */
export function formatMoney(cents: number, currencyCode?: string | null): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('cents must be a safe integer');
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${whole}.${String(abs % 100).padStart(2, '0')}`;
  const sign = cents < 0 ? '-' : '';
  if (!currencyCode || currencyCode.toUpperCase() === 'USD') return `${sign}$${amount}`;
  return `${sign}${amount} ${currencyCode.toUpperCase()}`;
}
