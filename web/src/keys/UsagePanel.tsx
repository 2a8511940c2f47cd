import { useMemo, useState } from 'react';
import type { Granularity } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { formatDateTime } from '../lib/relative-time';
import { getKeyUsage } from './keys-api';
import { toUsageColumns, USAGE_METRIC_LABELS, usageMetrics, USAGE_PERIODS, usageWindow, type UsagePeriod } from './usage-chart-data';
import { UsageChart } from './UsageChart';
import { useWorkspaceScope } from '../workspaces/workspace-scope';

const fmt = (n: number) => n.toLocaleString('en');

/** A key's usage over a period; `credits`: the key has credits, so what they spent is shown too. */
export function UsagePanel({ keyId, credits = false }: { keyId: string; credits?: boolean }) {
  const { api } = useWorkspaceScope();
  const [period, setPeriod] = useState<UsagePeriod>('24h');
  const [granularity, setGranularity] = useState<Granularity>('hour');
  const range = useMemo(() => usageWindow(period, granularity, new Date()), [period, granularity]);
  const usage = useAsync((signal) => getKeyUsage(api, keyId, range, signal), [api, keyId, range]);
  // A key whose credits were removed still shows what it spent in the period.
  const metrics = useMemo(() => usageMetrics(credits || (usage.data?.totals.creditsUsed ?? 0) > 0), [credits, usage.data]);
  const columns = useMemo(() => (usage.data ? toUsageColumns(usage.data.series, range, metrics) : null), [usage.data, range, metrics]);

  return (
    <section className="card" aria-labelledby="usage-title">
      <header className="card__header">
        <h2 id="usage-title">Usage</h2>
        <div className="toolbar toolbar--tight">
          <div className="field field--inline">
            <label htmlFor="usage-period">Period</label>
            <select id="usage-period" value={period} onChange={(e) => setPeriod(e.target.value as UsagePeriod)}>
              {USAGE_PERIODS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--inline">
            <label htmlFor="usage-granularity">Per</label>
            <select id="usage-granularity" value={granularity} onChange={(e) => setGranularity(e.target.value as Granularity)}>
              <option value="hour">hour</option>
              <option value="day">day</option>
            </select>
          </div>
        </div>
      </header>
      {usage.loading ? (
        <Loading label="Loading usage…" />
      ) : usage.error ? (
        <ErrorMessage error={usage.error} onRetry={usage.reload} />
      ) : usage.data && columns ? (
        <>
          <dl className="totals" data-testid="usage-totals">
            {metrics.map((metric) => (
              <div key={metric}>
                <dt>{USAGE_METRIC_LABELS[metric]}</dt>
                <dd>{fmt(usage.data!.totals[metric])}</dd>
              </div>
            ))}
          </dl>
          <UsageChart columns={columns} metrics={metrics} granularity={granularity} />
          <details className="usage-table">
            <summary>Show as a table</summary>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{granularity === 'hour' ? 'Hour' : 'Day'} starting</th>
                  {metrics.map((metric) => (
                    <th scope="col" key={metric}>
                      {USAGE_METRIC_LABELS[metric]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {usage.data.series.map((bucket) => (
                  <tr key={bucket.bucket}>
                    <td>{formatDateTime(bucket.bucket)}</td>
                    {metrics.map((metric) => (
                      <td key={metric}>{fmt(bucket[metric])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      ) : null}
    </section>
  );
}
