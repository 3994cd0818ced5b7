const countFormat = new Intl.NumberFormat();
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** 2143 → "2,143". */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** "1 invoice", "2,143 invoices". */
export function invoicesCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'invoice' : 'invoices'}`;
}

/** A calendar day from the PSA ("2025-10-31") as people read it, never shifted by their time zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}
