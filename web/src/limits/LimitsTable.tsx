import type { StoredLimit } from '../api/types';
import { limitAppliesTo, limitInWords } from './limit-words';

/** Named limits read-only: what each allows, what a request spends of it, and which requests it counts. */
export function LimitsTable({ limits, empty, testId }: { limits: readonly StoredLimit[]; empty: string; testId: string }) {
  if (limits.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {empty}
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table table--compact table--cards" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Allows</th>
            <th scope="col">Cost per request</th>
            <th scope="col">Counts</th>
          </tr>
        </thead>
        <tbody>
          {limits.map((limit) => (
            <tr key={limit.name} data-limit-name={limit.name}>
              <td data-label="Name" className="mono">
                {limit.name}
              </td>
              <td data-label="Allows">{limitInWords(limit)}</td>
              <td data-label="Cost per request">{limit.cost.toLocaleString('en')}</td>
              <td data-label="Counts">{limitAppliesTo(limit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
