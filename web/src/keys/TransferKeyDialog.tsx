import { useState, type FormEvent } from 'react';
import type { ApiKey, TransferredKey } from '../api/types';
import { ScopeList } from '../components/Badges';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { Loading } from '../components/States';
import { useMembers } from '../workspaces/use-members';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { transferCandidates } from './key-owner';
import { transferKey } from './keys-api';
import { FormActions } from '../components/FormActions';

interface TransferKeyDialogProps {
  apiKey: ApiKey;
  /** Told as soon as the server has moved the key; the dialog then shows what the key lost. */
  onTransferred(key: TransferredKey): void;
  onClose(): void;
}

/** Hands a key to another member (keys:admin): it acts as them from its next request. */
export function TransferKeyDialog({ apiKey, onTransferred, onClose }: TransferKeyDialogProps) {
  const { api } = useWorkspaceScope();
  const members = useMembers();
  const candidates = transferCandidates(apiKey.userId, members.data ?? []);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ key: TransferredKey; to: string } | null>(null);
  const newOwner = chosen || candidates[0]?.user.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !newOwner) return;
    setBusy(true);
    setError(null);
    try {
      const key = await transferKey(api, apiKey.id, newOwner);
      setDone({ key, to: candidates.find((member) => member.user.id === newOwner)?.user.email ?? newOwner });
      onTransferred(key);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Dialog title={`Transfer ${apiKey.name}`} onClose={onClose}>
        <div className="stack">
          <p role="status">
            <strong>{apiKey.name}</strong> now belongs to <strong>{done.to}</strong>.
          </p>
          {done.key.droppedScopes.length > 0 ? (
            <p className="alert alert--warning" data-testid="dropped-scopes">
              It lost the scopes {done.to} holds nothing of: <ScopeList scopes={done.key.droppedScopes} />
            </p>
          ) : (
            <p className="muted">It keeps all its scopes.</p>
          )}
          <div className="button-row button-row--end">
            <button type="button" className="button" onClick={onClose} data-autofocus>
              Done
            </button>
          </div>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title={`Transfer ${apiKey.name}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <p>
          The key (<span className="mono">{apiKey.keyPrefix}</span>) acts as its new owner from its next request. Scopes they hold nothing of are
          dropped.
        </p>
        {members.loading ? (
          <Loading label="Loading members…" />
        ) : members.error ? (
          <ErrorMessage error={members.error} onRetry={members.reload} />
        ) : candidates.length === 0 ? (
          <p className="alert alert--info">Nobody else is in this workspace yet: invite someone first.</p>
        ) : (
          <Field label="New owner">
            <select value={newOwner} onChange={(e) => setChosen(e.target.value)} data-autofocus>
              {candidates.map((member) => (
                <option key={member.user.id} value={member.user.id}>
                  {member.user.email} ({member.role})
                </option>
              ))}
            </select>
          </Field>
        )}
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} disabled={!newOwner} submit="Transfer key" working="Transferring…" />
      </form>
    </Dialog>
  );
}
