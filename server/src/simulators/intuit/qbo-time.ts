/** QBO stamps times in the company's zone (Pacific for the sandbox companies), with an offset. */

const ZONE = 'America/Los_Angeles';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

interface ZonedParts {
  date: string;
  time: string;
  offset: string;
}

function zonedParts(ms: number): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(ms))) parts[part.type] = part.value;
  // "GMT-08:00" → "-08:00"; "GMT" (UTC itself) → "+00:00".
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    offset,
  };
}

/** `2025-01-15T10:20:30.123-08:00`, as in a response's `time` field. */
export function qboTime(ms: number): string {
  const p = zonedParts(ms);
  const millis = String(Math.abs(ms) % 1000).padStart(3, '0');
  return `${p.date}T${p.time}.${millis}${p.offset}`;
}

/** `2025-01-15T10:20:30-08:00`, as in MetaData. */
export function qboDateTime(ms: number): string {
  const p = zonedParts(ms);
  return `${p.date}T${p.time}${p.offset}`;
}

/** `2025-01-15`, the company-local date (TxnDate defaults). */
export function qboDate(ms: number): string {
  return zonedParts(ms).date;
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
