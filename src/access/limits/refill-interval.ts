/**
 * Credit refill schedules (API.md §15): `hour`, `day`, `week`, `month` or an ISO-8601 duration
 * (at least one minute). Refills fall on the anchor plus whole intervals — never "an interval
 * after whatever happened last" — so the schedule does not drift. Calendar units are UTC.
 */

interface Duration {
  years: number;
  months: number;
  /** Weeks are folded into days; hours, minutes and seconds into milliseconds. */
  days: number;
  ms: number;
}

const NAMED: Record<string, Duration> = {
  hour: { years: 0, months: 0, days: 0, ms: 3_600_000 },
  day: { years: 0, months: 0, days: 1, ms: 0 },
  week: { years: 0, months: 0, days: 7, ms: 0 },
  month: { years: 0, months: 1, days: 0, ms: 0 },
};

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const MINUTE_MS = 60_000;
/** Nothing sensible refills less often; it also keeps the arithmetic far from Date's range. */
const MAX_YEARS = 10;

/** The interval as a duration, or null when it is not one this service accepts. */
export function parseRefillInterval(text: string): Duration | null {
  const named = NAMED[text];
  if (named) return named;
  const match = ISO.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const duration = { years, months, days: weeks * 7 + days, ms: ((hours * 60 + minutes) * 60 + seconds) * 1000 };
  if (years > MAX_YEARS || months > MAX_YEARS * 12 || duration.days > MAX_YEARS * 366) return null;
  // The shortest a calendar duration can be: months of 28 days.
  const shortestMs = ((years * 365 + months * 28 + duration.days) * 24 * 3600 * 1000) + duration.ms;
  return shortestMs >= MINUTE_MS ? duration : null;
}

/** `from` plus `times` whole intervals (months added to the calendar month, clamped to its length). */
function addTimes(from: Date, duration: Duration, times: number): Date {
  const at = new Date(from.getTime());
  if (duration.years || duration.months) {
    const day = at.getUTCDate();
    at.setUTCDate(1);
    at.setUTCMonth(at.getUTCMonth() + (duration.years * 12 + duration.months) * times);
    const lastDay = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate();
    at.setUTCDate(Math.min(day, lastDay));
  }
  at.setUTCDate(at.getUTCDate() + duration.days * times);
  return new Date(at.getTime() + duration.ms * times);
}

/**
 * The first refill strictly after `now` on the schedule anchored at `anchor`, and how many refills
 * fell due in (anchor, now] — the ones a refill job that was away must still apply.
 */
export function refillsDue(anchor: Date, interval: string, now: Date): { due: number; next: Date } {
  const duration = parseRefillInterval(interval);
  if (!duration) throw new Error(`not a refill interval: ${interval}`);
  // A first guess from the average length, corrected by stepping: calendar months are uneven.
  const averageMs = addTimes(new Date(0), duration, 1).getTime();
  let times = Math.max(0, Math.floor((now.getTime() - anchor.getTime()) / averageMs) - 1);
  while (addTimes(anchor, duration, times).getTime() > now.getTime() && times > 0) times--;
  while (addTimes(anchor, duration, times + 1).getTime() <= now.getTime()) times++;
  return { due: times, next: addTimes(anchor, duration, times + 1) };
}

/** The first refill of a schedule that starts now. */
export function firstRefillAt(interval: string, now: Date): Date {
  return refillsDue(now, interval, now).next;
}

/**
 * What the refill job does to a key whose stored next refill (`storedNext`, a point of the
 * schedule anchored at `anchor`) has come: how many refills fell due since — more than one when
 * no instance ran for a while — and the next one after `now`.
 */
export function refillStep(anchor: Date, interval: string, storedNext: Date, now: Date): { applications: number; next: Date } {
  const current = refillsDue(anchor, interval, now);
  const before = refillsDue(anchor, interval, new Date(storedNext.getTime() - 1));
  return { applications: Math.max(0, current.due - before.due), next: current.next };
}
