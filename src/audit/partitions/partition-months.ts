/** A monthly partition of audit_events: [lowerBound, upperBound), UTC months. */
export interface AuditPartition {
  name: string;
  lowerBound: Date;
  upperBound: Date;
}

/** Partitions are made for this month and this many after it. */
export const MONTHS_AHEAD = 2;

/** The first instant of the UTC month `date` falls in. */
export function monthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addMonths(month: Date, count: number): Date {
  return new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + count, 1));
}

/** The name audit_new_partition() gives a month's partition: audit_events_2026_12. */
export function partitionName(month: Date): string {
  return `audit_events_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** This month and the `ahead` after it: the months that must have a partition now. */
export function monthsAhead(now: Date, ahead = MONTHS_AHEAD): Date[] {
  const first = monthStart(now);
  return Array.from({ length: ahead + 1 }, (_, i) => addMonths(first, i));
}

/** The months no partition covers yet. */
export function missingMonths(months: readonly Date[], partitions: readonly AuditPartition[]): Date[] {
  return months.filter((month) => !partitions.some((p) => p.lowerBound.getTime() <= month.getTime() && month.getTime() < p.upperBound.getTime()));
}
