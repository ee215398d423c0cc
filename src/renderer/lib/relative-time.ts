const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * "in 3 days", "tomorrow", "5 minutes ago": the distance from `now` to `target` in the largest unit
 * that keeps a whole number readable. Under a minute reads as "now" rather than counting seconds,
 * because the popover only refreshes the text once a minute.
 */
export function relativeTime(target: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const distance = target - now;
  const size = Math.abs(distance);
  const sign = Math.sign(distance);
  if (size < minute) return format.format(0, 'minute');
  if (size < hour) return format.format(sign * Math.round(size / minute), 'minute');
  if (size < day) return format.format(sign * Math.round(size / hour), 'hour');
  return format.format(sign * Math.round(size / day), 'day');
}

/** Milliseconds since the epoch from an ISO 8601 string; null when main sent something unreadable. */
export function parseInstant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
