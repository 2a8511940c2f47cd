import { errorLines } from '../api/api-error';

/** An API failure as the user should read it: its message, or each validation detail. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const lines = errorLines(error);
  return (
    <div className="alert alert--error" role="alert">
      {lines.length === 1 ? <p>{lines[0]}</p> : <ul>{lines.map((line) => <li key={line}>{line}</li>)}</ul>}
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
