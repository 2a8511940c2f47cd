import { useState } from 'react';
import type { CreatedApiKey, KeyStatus } from '../api/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { LoadMore } from '../components/LoadMore';
import { EmptyState, Loading } from '../components/States';
import { usePagedList } from '../lib/use-paged-list';
import { workspaceInWords } from '../workspaces/current-workspace';
import { useMembers } from '../workspaces/use-members';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { ownerLabel } from './key-owner';
import { CreateKeyDialog } from './CreateKeyDialog';
import { KeysTable } from './KeysTable';
import { listKeys, revokeAllKeys } from './keys-api';
import { OneTimeKeyDialog } from './OneTimeKeyDialog';
import { useKeyAbilities } from './use-key-abilities';
import { useKeyActions } from './use-key-actions';

// The statuses GET /api-keys can filter on.
const STATUS_FILTERS: Array<{ value: KeyStatus | ''; label: string }> = [
  { value: '', label: 'All keys' },
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
  { value: 'expired', label: 'Expired' },
  { value: 'revoked', label: 'Revoked' },
];

/** My keys in the current workspace; a keys:admin holder of a shared workspace may list every member's and hand keys over. */
export function KeysPage() {
  const { api, workspace } = useWorkspaceScope();
  const notify = useNotify();
  const { canWrite, canAdminister, me, actionsFor } = useKeyAbilities();
  const [status, setStatus] = useState<KeyStatus | ''>('');
  const [everyone, setEveryone] = useState(false);
  const [dialog, setDialog] = useState<'create' | 'revoke-all' | { created: CreatedApiKey } | null>(null);
  const keys = usePagedList((cursor, signal) => listKeys(api, { status, everyone }, cursor, signal), [api, status, everyone]);
  // Owners are named by email from the member list, which only the every-member view needs.
  const members = useMembers(everyone);
  const actions = useKeyActions({ onUpdated: keys.replace, onDeleted: keys.remove, onRotated: keys.reload, onTransferred: keys.reload });
  const close = () => setDialog(null);
  const where = workspaceInWords(workspace);

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1 tabIndex={-1}>API keys</h1>
          <p className="muted">
            {everyone ? `Every member’s keys in ${where}. Each acts as its owner` : `Your keys in ${where}. Each acts as you`}, narrowed to its scopes. Secrets are
            shown once, at creation.
          </p>
        </div>
        {canWrite && (
          <div className="button-row">
            <button type="button" className="button button--danger-outline" onClick={() => setDialog('revoke-all')}>
              Revoke all…
            </button>
            <button type="button" className="button" onClick={() => setDialog('create')}>
              Create API key
            </button>
          </div>
        )}
      </header>

      <div className="toolbar">
        <div className="field field--inline">
          <label htmlFor="key-status-filter">Status</label>
          <select id="key-status-filter" value={status} onChange={(e) => setStatus(e.target.value as KeyStatus | '')}>
            {STATUS_FILTERS.map((filter) => (
              <option key={filter.value} value={filter.value}>
                {filter.label}
              </option>
            ))}
          </select>
        </div>
        {canAdminister && (
          <label className="checkbox">
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
            Every member’s keys
          </label>
        )}
      </div>

      {keys.loading ? (
        <Loading label="Loading keys…" />
      ) : keys.error && keys.items.length === 0 ? (
        <ErrorMessage error={keys.error} onRetry={keys.reload} />
      ) : keys.items.length === 0 ? (
        <EmptyState title={status ? `No ${status} keys.` : 'No API keys yet.'}>
          {!status && canWrite && (
            <button type="button" className="button" onClick={() => setDialog('create')}>
              Create your first key
            </button>
          )}
        </EmptyState>
      ) : (
        <>
          <KeysTable
            keys={keys.items}
            canManage={canWrite}
            actionsFor={actionsFor}
            onAction={actions.run}
            ownerOf={everyone ? (key) => ownerLabel(key.userId, { me, members: members.data ?? [] }) : undefined}
          />
          <LoadMore list={keys} />
        </>
      )}

      {dialog === 'create' && (
        <CreateKeyDialog
          onClose={close}
          onCreated={(created) => {
            setDialog({ created });
            keys.reload();
          }}
        />
      )}
      {dialog !== null && typeof dialog === 'object' && (
        <OneTimeKeyDialog created={dialog.created} title="API key created" origin={window.location.origin} onClose={close} />
      )}
      {dialog === 'revoke-all' && (
        <ConfirmDialog
          title="Revoke all your keys"
          confirmLabel="Revoke all keys"
          danger
          typedConfirmation="revoke all"
          onClose={close}
          onConfirm={async () => {
            const { revoked } = await revokeAllKeys(api);
            close();
            keys.reload();
            notify(`${revoked} ${revoked === 1 ? 'key' : 'keys'} revoked.`);
          }}
        >
          <p>Every one of your keys in {where} stops working at once. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {actions.dialogs}
    </section>
  );
}
