const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "in 3 days", "yesterday". */
export function formatRelativeTime(when: Date | string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(when).getTime() - now.getTime()) / 1000);
  if (Number.isNaN(seconds)) return '—';
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.sign(seconds), 'minute');
}

const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(when: Date | string | null | undefined): string {
  if (!when) return '—';
  const date = new Date(when);
  return Number.isNaN(date.getTime()) ? '—' : absolute.format(date);
}
