import { useMemo, type ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { hasPermission } from '../auth/permissions';
import { ErrorMessage } from '../components/ErrorMessage';
import { EmptyState, Loading, NotAvailable } from '../components/States';
import { useAsync } from '../lib/use-async';
import { workspaceInWords } from './current-workspace';
import { TwoFactorRequiredNotice } from './TwoFactorRequiredNotice';
import { WorkspaceScopeProvider } from './workspace-scope';
import { getMyAccess } from './workspaces-api';

interface WorkspaceGateProps {
  /** The page's heading, shown while loading or when turned away. */
  title: string;
  /** A permission the page needs in the workspace (e.g. `keys:read`); without it the page is "Not available". */
  needs?: string;
  children: ReactNode;
}

/**
 * Renders a workspace page in the current workspace (useWorkspaceScope), once the server has said
 * what I may do there: loading, failure and "none" are shown the same way everywhere. Switching
 * workspace mounts the page afresh, so everything it shows is loaded again for the new one.
 */
export function WorkspaceGate({ title, needs, children }: WorkspaceGateProps) {
  const { status, error, current, reload } = useWorkspaces();
  if (current) {
    return (
      <Admission key={current.id} title={title} needs={needs} workspace={current}>
        {children}
      </Admission>
    );
  }
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
 * Asks the server on every visit what I may do in the workspace (GET /auth/me with X-Workspace):
 * my role may have changed since the list was loaded, and a workspace that requires two-factor
 * sign-in turns me away without it, since I may have turned it on or off since signing in.
 * Refused, I am told how to get in. An owner who turns the requirement on keeps the page.
 */
function Admission({ title, needs, workspace, children }: WorkspaceGateProps & { workspace: Workspace }) {
  const api = useApi();
  const access = useAsync((signal) => getMyAccess(api, workspace.id, signal), [api, workspace.id]);
  const role = access.data?.workspace.role ?? workspace.role;
  const asSeenNow = useMemo(() => ({ ...workspace, role }), [workspace, role]);

  if (isTwoFactorRequired(access.error)) {
    return (
      <GatePage title={title}>
        <TwoFactorRequiredNotice workspace={workspace} />
      </GatePage>
    );
  }
  if (!access.data) {
    return <GatePage title={title}>{access.loading ? <Loading label="Checking your access…" /> : <ErrorMessage error={access.error} onRetry={access.reload} />}</GatePage>;
  }
  const { permissions } = access.data;
  if (needs && !hasPermission(permissions, needs)) {
    return <NotAvailable permission={needs} notGrantedBy={`your role in ${workspaceInWords(workspace)} (${role}) does not grant`} />;
  }
  return (
    <WorkspaceScopeProvider workspace={asSeenNow} permissions={permissions}>
      {children}
    </WorkspaceScopeProvider>
  );
}

function GatePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page">
      <h1 tabIndex={-1}>{title}</h1>
      {children}
    </section>
  );
}
