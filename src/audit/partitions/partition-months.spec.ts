import { addMonths, missingMonths, monthsAhead, monthStart, partitionName, type AuditPartition } from './partition-months.js';

const utc = (iso: string) => new Date(iso);
const partition = (month: string): AuditPartition => ({ name: partitionName(utc(month)), lowerBound: utc(month), upperBound: addMonths(utc(month), 1) });

describe('partition months', () => {
  it('takes the UTC month an instant falls in, whatever the hour', () => {
    expect(monthStart(utc('2019-12-31T23:59:59.999Z'))).toEqual(utc('2019-12-01T00:00:00Z'));
    expect(monthStart(utc('2020-01-01T00:00:00.000Z'))).toEqual(utc('2020-01-01T00:00:00Z'));
  });

  it('wants this month and the next two, across a year’s end', () => {
    expect(monthsAhead(utc('2019-11-15T08:00:00Z'))).toEqual([utc('2019-11-01T00:00:00Z'), utc('2019-12-01T00:00:00Z'), utc('2020-01-01T00:00:00Z')]);
  });

  it('names a month’s partition audit_events_YYYY_MM', () => {
    expect(partitionName(utc('2020-01-01T00:00:00Z'))).toBe('audit_events_2020_01');
    expect(partitionName(utc('2019-12-01T00:00:00Z'))).toBe('audit_events_2019_12');
  });

  it('asks only for the months no partition covers', () => {
    const months = monthsAhead(utc('2019-12-02T04:00:00Z'));
    expect(missingMonths(months, [partition('2019-12-01T00:00:00Z'), partition('2020-02-01T00:00:00Z')])).toEqual([utc('2020-01-01T00:00:00Z')]);
    expect(missingMonths(months, months.map((month) => partition(month.toISOString())))).toEqual([]);
  });
});
