import type { AuditPartition } from '../partitions/partition-months.js';

const DAY_MS = 86_400_000;

/**
 * The partitions retention may drop: those whose every event is older than `retentionDays`
 * before `now` (the upper bound is exclusive), oldest first — the order audit_drop_partition()
 * insists on, so what goes is always the oldest part of every chain.
 */
export function expiredPartitions(partitions: readonly AuditPartition[], now: Date, retentionDays: number): AuditPartition[] {
  const keptFrom = now.getTime() - retentionDays * DAY_MS;
  return partitions.filter((p) => p.upperBound.getTime() <= keptFrom).sort((a, b) => a.lowerBound.getTime() - b.lowerBound.getTime());
}
