import type { KeyStatus, Severity } from '../api/types';

export function StatusBadge({ status }: { status: KeyStatus }) {
  return <span className={`badge badge--${status}`}>{status}</span>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge badge--severity-${severity}`}>{severity}</span>;
}

/** `*` on a key means "everything the owner has", which reads better spelled out. */
export function ScopeList({ scopes }: { scopes: string[] }) {
  if (scopes.includes('*')) return <span className="chip chip--all">everything</span>;
  return (
    <span className="chips">
      {scopes.map((scope) => (
        <span className="chip" key={scope}>
          {scope}
        </span>
      ))}
    </span>
  );
}
