import { useState, type FormEvent } from 'react';
import type { CreatedApiKey } from '../api/types';
import { grantableScopes } from '../auth/permissions';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { emptyKeyForm } from './key-form';
import { KeyFormFields } from './KeyFormFields';
import { createKey } from './keys-api';
import { useKeyForm } from './use-key-form';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { FormActions } from '../components/FormActions';

export function CreateKeyDialog({ onClose, onCreated }: { onClose(): void; onCreated(created: CreatedApiKey): void }) {
  // The scopes offered are my permissions in the workspace the key will belong to.
  const { api, permissions } = useWorkspaceScope();
  const form = useKeyForm(emptyKeyForm(), false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const settings = form.submit();
    // a valid create form always names the key (the server requires it)
    if (!settings?.name || busy) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await createKey(api, { ...settings, name: settings.name }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title="Create API key" onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="stack">
        <KeyFormFields values={form.values} errors={form.errors} onChange={form.setValues} onBlur={form.touch} scopeOptions={grantableScopes(permissions)} />
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Create key" working="Creating…" />
      </form>
    </Dialog>
  );
}
