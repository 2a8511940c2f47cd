import { useState } from 'react';
import type { CreatedOAuthApp, OAuthApp } from '../api/types';
import { hasPermission } from '../auth/permissions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { EmptyState, Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { workspaceInWords } from '../workspaces/current-workspace';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { availableAppActions, type AppAction } from './app-actions';
import { AppDialog } from './AppDialog';
import { AppsTable } from './AppsTable';
import { ClientCredentialsDialog } from './ClientCredentialsDialog';
import { deleteApp, listApps, rotateAppSecret } from './oauth-apps-api';

type DialogState =
  | { kind: 'register' }
  | { kind: 'credentials'; created: CreatedOAuthApp; title: string }
  | { kind: AppAction; app: OAuthApp }
  | null;

/** The current workspace's OAuth apps (apps:read); registering, editing, rotating and deleting need apps:write. */
export function OAuthAppsPage() {
  const { api, workspace, permissions } = useWorkspaceScope();
  const notify = useNotify();
  const canWrite = hasPermission(permissions, 'apps:write');
  const apps = useAsync((signal) => listApps(api, signal), [api]);
  const [dialog, setDialog] = useState<DialogState>(null);
  const close = () => setDialog(null);
  const where = workspaceInWords(workspace);
  const replace = (app: OAuthApp) => apps.setData((apps.data ?? []).map((a) => (a.id === app.id ? app : a)));

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>OAuth apps</h1>
          <p className="muted">
            Third-party apps registered in {where}. Each acts for the people who authorize it, in {where} only, and never with more than they may do here.
          </p>
        </div>
        {canWrite && (
          <button type="button" className="button" onClick={() => setDialog({ kind: 'register' })}>
            Register OAuth app
          </button>
        )}
      </header>

      {apps.loading && !apps.data ? (
        <Loading label="Loading OAuth apps…" />
      ) : apps.error && !apps.data ? (
        <ErrorMessage error={apps.error} onRetry={apps.reload} />
      ) : apps.data?.length ? (
        <AppsTable apps={apps.data} actionsFor={(app) => availableAppActions(app, canWrite)} onAction={(kind, app) => setDialog({ kind, app })} />
      ) : (
        <EmptyState title="No OAuth apps yet.">
          {canWrite && (
            <button type="button" className="button" onClick={() => setDialog({ kind: 'register' })}>
              Register your first app
            </button>
          )}
        </EmptyState>
      )}

      {dialog?.kind === 'register' && (
        <AppDialog
          onClose={close}
          onRegistered={(created) => {
            setDialog({ kind: 'credentials', created, title: 'OAuth app registered' });
            apps.reload();
          }}
        />
      )}
      {dialog?.kind === 'credentials' && <ClientCredentialsDialog created={dialog.created} title={dialog.title} onClose={close} />}
      {dialog?.kind === 'edit' && (
        <AppDialog
          app={dialog.app}
          onClose={close}
          onSaved={(app) => {
            replace(app);
            close();
            notify(`${app.name} saved.`);
          }}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <ConfirmDialog
          title={`Rotate the secret of ${dialog.app.name}`}
          confirmLabel="Rotate secret"
          danger
          onClose={close}
          onConfirm={async () => {
            const created = await rotateAppSecret(api, dialog.app.id);
            setDialog({ kind: 'credentials', created, title: 'Secret rotated: here is the new secret' });
          }}
        >
          <p>
            A new client secret is made now and the old one stops working at once: <strong>{dialog.app.name}</strong> cannot get tokens until it is
            configured with the new one. The tokens it already holds keep working.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete ${dialog.app.name}`}
          confirmLabel="Delete app"
          danger
          onClose={close}
          onConfirm={async () => {
            await deleteApp(api, dialog.app.id);
            apps.setData((apps.data ?? []).filter((app) => app.id !== dialog.app.id));
            close();
            notify(`${dialog.app.name} deleted; its tokens are revoked.`);
          }}
        >
          <p>
            Delete <strong>{dialog.app.name}</strong>? Every token it holds is revoked at once, so it stops acting for everyone who authorized it. This
            cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
