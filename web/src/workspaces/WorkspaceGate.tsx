import type { ReactNode } from 'react';
import type { Workspace } from '../api/types';
import { useWorkspaces } from '../app/workspace-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { EmptyState, Loading } from '../components/States';

/** Renders a workspace page once the current workspace is known: loading, failure and "none" are shown the same way everywhere. */
export function WorkspaceGate({ title, children }: { title: string; children: (workspace: Workspace) => ReactNode }) {
  const { status, error, current, reload } = useWorkspaces();
  if (current) return children(current);
  return (
    <section className="page">
      <h1 tabIndex={-1}>{title}</h1>
      {status === 'loading' ? (
        <Loading label="Loading your workspaces…" />
      ) : status === 'error' ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : (
        <EmptyState title="You are not in any workspace." />
      )}
    </section>
  );
}
