/** Money arrives as integer cents and stays integer until it is written out, once, here. */

const formats = new Map<string, Intl.NumberFormat>();

function formatFor(currency: string | null): Intl.NumberFormat {
  const key = currency ?? '';
  let format = formats.get(key);
  if (!format) {
    try {
      format = currency
        ? new Intl.NumberFormat(undefined, { style: 'currency', currency })
        : new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      // An unknown currency code: the amount with its code, rather than no amount at all.
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formats.set(key, format);
  }
  return format;
}

/** 123456 → "1234.56", -5 → "-0.05": exact, with no floating-point division. */
export function centsToDecimal(cents: number): `${number}` {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const fraction = abs % 100;
  const units = (abs - fraction) / 100;
  return `${sign}${units}.${String(fraction).padStart(2, '0')}` as `${number}`;
}

/** "$1,234.56" in the invoice's currency; a plain "1,234.56" when the currency is not known. */
export function formatMoney(cents: number, currency: string | null): string {
  const format = formatFor(currency);
  const text = format.format(centsToDecimal(cents));
  return currency && format.resolvedOptions().style !== 'currency' ? `${text} ${currency}` : text;
}

interface Priced {
  totalCents: number;
  currency: string | null;
}

/** Integer sums per currency, in the order the currencies first appear. */
export function sumByCurrency(items: readonly Priced[]): { currency: string | null; cents: number }[] {
  const sums = new Map<string | null, number>();
  for (const item of items) sums.set(item.currency, (sums.get(item.currency) ?? 0) + item.totalCents);
  return [...sums].map(([currency, cents]) => ({ currency, cents }));
}

/** "$1,234.56", or "$1,000.00 + CA$200.00" when the invoices are in more than one currency. */
export function formatTotal(items: readonly Priced[]): string {
  const sums = sumByCurrency(items);
  if (sums.length === 0) return formatMoney(0, null);
  return sums.map(({ currency, cents }) => formatMoney(cents, currency)).join(' + ');
}
