import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { EmptyState, Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { TwoFactorRequiredNotice } from './TwoFactorRequiredNotice';
import { getWorkspace } from './workspaces-api';

type WorkspacePage = (workspace: Workspace) => ReactNode;

/** Renders a workspace page once the current workspace is known: loading, failure and "none" are shown the same way everywhere. */
export function WorkspaceGate({ title, children }: { title: string; children: WorkspacePage }) {
  const { status, error, current, reload } = useWorkspaces();
  if (current) return <Admission key={current.id} title={title} workspace={current} page={children} />;
  return (
    <GatePage title={title}>
      {status === 'loading' ? (
        <Loading label="Loading your workspaces…" />
      ) : status === 'error' ? (
        <ErrorMessage error={error} onRetry={reload} />
      ) : (
        <EmptyState title="You are not in any workspace." />
      )}
    </GatePage>
  );
}

const isTwoFactorRequired = (error: unknown) => error instanceof ApiError && error.code === 'auth.2fa_required';

/**
 * A workspace that requires two-factor sign-in asks the server whether I am let in, since I may
 * have turned two-factor on or off since signing in; refused, I am told how to get in. Any other
 * workspace shows its page at once. An owner who turns the requirement on keeps the page meanwhile.
 */
function Admission({ title, workspace, page }: { title: string; workspace: Workspace; page: WorkspacePage }) {
  const api = useApi();
  const required = workspace.requireTwoFactor;
  const admission = useAsync((signal) => (required ? getWorkspace(api, workspace.id, signal) : Promise.resolve(workspace)), [api, workspace.id, required]);
  if (isTwoFactorRequired(admission.error)) {
    return (
      <GatePage title={title}>
        <TwoFactorRequiredNotice workspace={workspace} />
      </GatePage>
    );
  }
  if (!required || admission.data) return page(workspace);
  return <GatePage title={title}>{admission.loading ? <Loading label="Checking your access…" /> : <ErrorMessage error={admission.error} onRetry={admission.reload} />}</GatePage>;
}

function GatePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </section>
  );
}
