import type { CreditRefill } from '../api/types';
import { parseRefillInterval } from '../../../src/access/limits/refill-interval';

/** The intervals the form offers by name; anything else is an ISO-8601 duration typed in. */
export const NAMED_INTERVALS = ['hour', 'day', 'week', 'month'] as const;

export type NamedInterval = (typeof NAMED_INTERVALS)[number];

export const isNamedInterval = (interval: string): interval is NamedInterval => (NAMED_INTERVALS as readonly string[]).includes(interval);

// Only picks the message: whether an interval is taken is the server's own parser's call (imported above).
const ISO_DURATION_FORM = /^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;

/** As the server takes it: a name in lower case, ISO-8601 designators in capitals ("pt15m" is PT15M). */
export function normalizeInterval(text: string): string {
  const trimmed = text.trim();
  return isNamedInterval(trimmed.toLowerCase()) ? trimmed.toLowerCase() : trimmed.toUpperCase();
}

/** Why the server would refuse `text` as a refill interval (API.md §15), or null when it takes it. */
export function refillIntervalProblem(text: string): string | null {
  const interval = normalizeInterval(text);
  if (interval === '') return 'Enter an ISO-8601 duration, e.g. PT15M (15 minutes) or P2W (2 weeks)';
  if (parseRefillInterval(interval)) return null;
  if (!ISO_DURATION_FORM.test(interval) || interval === 'P' || interval.endsWith('T')) {
    return `“${text.trim()}” is not an ISO-8601 duration: write it like PT15M, P1D or P1DT12H`;
  }
  return 'A refill interval is at least a minute (PT1M) and at most 10 years';
}

const MS = { hour: 3_600_000, minute: 60_000, second: 1000 };

const count = (n: number, unit: string) => `${n.toLocaleString('en')} ${unit}${n === 1 ? '' : 's'}`;

function listInWords(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "every day", "every 15 minutes", "every 1 day and 12 hours". */
export function intervalInWords(interval: string): string {
  if (isNamedInterval(interval)) return `every ${interval}`;
  const duration = parseRefillInterval(interval);
  if (!duration) return `every ${interval}`;
  const weeks = duration.days > 0 && duration.days % 7 === 0 ? duration.days / 7 : 0;
  let ms = duration.ms;
  const hours = Math.floor(ms / MS.hour);
  ms -= hours * MS.hour;
  const minutes = Math.floor(ms / MS.minute);
  const seconds = Math.floor((ms - minutes * MS.minute) / MS.second);
  const parts: Array<[number, string]> = [
    [duration.years, 'year'],
    [duration.months, 'month'],
    [weeks, 'week'],
    [weeks ? 0 : duration.days, 'day'],
    [hours, 'hour'],
    [minutes, 'minute'],
    [seconds, 'second'],
  ];
  const named = parts.filter(([n]) => n > 0);
  if (named.length === 1 && named[0][0] === 1) return `every ${named[0][1]}`;
  return `every ${listInWords(named.map(([n, unit]) => count(n, unit)))}`;
}

/** "Reset to 1,000 credits every day", "100 credits added every hour". */
export function refillInWords(refill: Pick<CreditRefill, 'amount' | 'interval' | 'mode'>): string {
  const credits = count(refill.amount, 'credit');
  const every = intervalInWords(refill.interval);
  return refill.mode === 'reset' ? `Reset to ${credits} ${every}` : `${credits} added ${every}`;
}
