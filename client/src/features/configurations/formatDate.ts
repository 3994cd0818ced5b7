const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A deadline as people read it ("Mar 3, 2026"), in their own time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
