import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../access/caller.js';
import { AppError } from '../../common/errors/app-error.js';
import type { UsageQuery } from '../management/api-keys.dto.js';
import { ApiKeysService } from '../management/api-keys.service.js';

export interface UsagePoint {
  bucket: Date;
  requests: number;
  denied: number;
  rateLimited: number;
  creditsUsed: number;
  /** Refusals by the limit that refused (`default`: the hourly rateLimit). */
  rateLimitedBy: Record<string, number>;
}

export interface UsageReport {
  totals: Omit<UsagePoint, 'bucket'>;
  series: UsagePoint[];
}

const MAX_POINTS = 1000;
const STEP_MS = { hour: 3_600_000, day: 86_400_000 } as const;
const DEFAULT_SPAN_MS = { hour: 24 * 3_600_000, day: 30 * 86_400_000 } as const;

/** Zero-filled buckets in UTC, so a chart needs no gaps logic. */
const SERIES_SQL = `
  WITH span AS (
    SELECT generate_series(
      date_trunc($2, $3::timestamptz AT TIME ZONE 'UTC'),
      date_trunc($2, $4::timestamptz AT TIME ZONE 'UTC'),
      ('1 ' || $2)::interval) AS bucket)
  SELECT (s.bucket AT TIME ZONE 'UTC') AS bucket,
         coalesce(sum(u.requests), 0)::int AS requests,
         coalesce(sum(u.denied), 0)::int AS denied,
         coalesce(sum(u.rate_limited), 0)::int AS "rateLimited",
         coalesce(sum(u.credits_used), 0)::float8 AS "creditsUsed",
         coalesce((
           SELECT jsonb_object_agg(name, refusals) FROM (
             SELECT e.key AS name, sum(e.value::bigint)::float8 AS refusals
             FROM api_key_usage u2 CROSS JOIN LATERAL jsonb_each_text(u2.rate_limited_by) AS e
             WHERE u2.api_key_id = $1 AND date_trunc($2, u2.bucket AT TIME ZONE 'UTC') = s.bucket
             GROUP BY e.key) AS by_name), '{}') AS "rateLimitedBy"
  FROM span s
  LEFT JOIN api_key_usage u
    ON u.api_key_id = $1 AND date_trunc($2, u.bucket AT TIME ZONE 'UTC') = s.bucket
  GROUP BY s.bucket
  ORDER BY s.bucket`;

function addCounts(into: Record<string, number>, more: Record<string, number>): Record<string, number> {
  const sum = { ...into };
  for (const [name, count] of Object.entries(more)) sum[name] = (sum[name] ?? 0) + count;
  return sum;
}

@Injectable()
export class ApiKeyUsageService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: ApiKeysService,
  ) {}

  async usage(caller: Caller, id: string, query: UsageQuery): Promise<UsageReport> {
    const key = await this.keys.findAccessible(this.db.manager, caller, id);
    const granularity = query.granularity;
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_SPAN_MS[granularity]);
    if (from > to) throw new AppError('validation.failed', undefined, [{ field: 'from', message: 'from must not be after to' }]);
    if ((to.getTime() - from.getTime()) / STEP_MS[granularity] > MAX_POINTS) {
      throw new AppError('validation.failed', undefined, [{ field: 'from', message: `at most ${MAX_POINTS} ${granularity}s per request` }]);
    }
    const series = await this.db.query<UsagePoint[]>(SERIES_SQL, [key.id, granularity, from, to]);
    const totals = series.reduce(
      (sum, point) => ({
        requests: sum.requests + point.requests,
        denied: sum.denied + point.denied,
        rateLimited: sum.rateLimited + point.rateLimited,
        creditsUsed: sum.creditsUsed + point.creditsUsed,
        rateLimitedBy: addCounts(sum.rateLimitedBy, point.rateLimitedBy),
      }),
      { requests: 0, denied: 0, rateLimited: 0, creditsUsed: 0, rateLimitedBy: {} as Record<string, number> },
    );
    return { totals, series };
  }
}
