import { addMonths, partitionName, type AuditPartition } from '../partitions/partition-months.js';
import { expiredPartitions } from './expired-partitions.js';

const partition = (month: string): AuditPartition => ({ name: partitionName(new Date(month)), lowerBound: new Date(month), upperBound: addMonths(new Date(month), 1) });
const names = (partitions: AuditPartition[]) => partitions.map((p) => p.name);

describe('expiredPartitions', () => {
  const partitions = ['2026-10-01T00:00:00Z', '2026-08-01T00:00:00Z', '2026-09-01T00:00:00Z', '2026-11-01T00:00:00Z'].map(partition);

  it('drops only partitions entirely older than the retention, oldest first', () => {
    // 62 days before 2026-12-02T04:00Z is 2026-10-01T04:00Z: September ended before it, October did not.
    expect(names(expiredPartitions(partitions, new Date('2026-12-02T04:00:00Z'), 62))).toEqual(['audit_events_2026_08', 'audit_events_2026_09']);
  });

  it('drops a partition once the retention’s edge reaches its end, not a millisecond before', () => {
    expect(names(expiredPartitions(partitions, new Date('2026-11-30T23:59:59.999Z'), 30))).toEqual(['audit_events_2026_08', 'audit_events_2026_09']);
    expect(names(expiredPartitions(partitions, new Date('2026-12-01T00:00:00Z'), 30))).toEqual(['audit_events_2026_08', 'audit_events_2026_09', 'audit_events_2026_10']);
  });

  it('drops nothing when every partition holds an event young enough to keep', () => {
    expect(expiredPartitions(partitions, new Date('2026-12-02T04:00:00Z'), 365)).toEqual([]);
  });
});
