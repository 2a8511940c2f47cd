import { useMemo, useState } from 'react';
import type { Granularity } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { formatDateTime } from '../lib/relative-time';
import { getKeyUsage } from './keys-api';
import { toUsageColumns, USAGE_PERIODS, usageWindow, type UsagePeriod } from './usage-chart-data';
import { UsageChart } from './UsageChart';
import { useWorkspaceScope } from '../workspaces/workspace-scope';

const fmt = (n: number) => n.toLocaleString('en');

export function UsagePanel({ keyId }: { keyId: string }) {
  const { api } = useWorkspaceScope();
  const [period, setPeriod] = useState<UsagePeriod>('24h');
  const [granularity, setGranularity] = useState<Granularity>('hour');
  const range = useMemo(() => usageWindow(period, granularity, new Date()), [period, granularity]);
  const usage = useAsync((signal) => getKeyUsage(api, keyId, range, signal), [api, keyId, range]);
  const columns = useMemo(() => (usage.data ? toUsageColumns(usage.data.series, range) : null), [usage.data, range]);

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
            <div>
              <dt>Requests</dt>
              <dd>{fmt(usage.data.totals.requests)}</dd>
            </div>
            <div>
              <dt>Denied</dt>
              <dd>{fmt(usage.data.totals.denied)}</dd>
            </div>
            <div>
              <dt>Rate-limited</dt>
              <dd>{fmt(usage.data.totals.rateLimited)}</dd>
            </div>
          </dl>
          <UsageChart columns={columns} granularity={granularity} />
          <details className="usage-table">
            <summary>Show as a table</summary>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{granularity === 'hour' ? 'Hour' : 'Day'} starting</th>
                  <th scope="col">Requests</th>
                  <th scope="col">Denied</th>
                  <th scope="col">Rate-limited</th>
                </tr>
              </thead>
              <tbody>
                {usage.data.series.map((bucket) => (
                  <tr key={bucket.bucket}>
                    <td>{formatDateTime(bucket.bucket)}</td>
                    <td>{fmt(bucket.requests)}</td>
                    <td>{fmt(bucket.denied)}</td>
                    <td>{fmt(bucket.rateLimited)}</td>
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
