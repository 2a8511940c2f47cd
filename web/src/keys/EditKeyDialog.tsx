import { useMemo, useState, type FormEvent } from 'react';
import type { ApiKey } from '../api/types';
import { grantableScopes } from '../auth/permissions';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { keyFormFromKey } from './key-form';
import { KeyFormFields } from './KeyFormFields';
import { updateKey } from './keys-api';
import { useKeyForm } from './use-key-form';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { FormActions } from '../components/FormActions';

export function EditKeyDialog({ apiKey, onClose, onSaved }: { apiKey: ApiKey; onClose(): void; onSaved(key: ApiKey): void }) {
  const { api, permissions } = useWorkspaceScope();
  const start = useMemo(() => keyFormFromKey(apiKey), [apiKey]);
  const form = useKeyForm(start, true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Scopes the key already has stay visible even if the user no longer holds them.
  const scopeOptions = [...new Set([...grantableScopes(permissions), ...start.scopes])];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes = form.submit();
    if (!changes || busy) return;
    if (Object.keys(changes).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateKey(api, apiKey.id, changes));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Edit ${apiKey.name}`} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="stack">
        <KeyFormFields
          values={form.values}
          errors={form.errors}
          onChange={form.setValues}
          onBlur={form.touch}
          scopeOptions={scopeOptions}
          current={apiKey}
        />
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Save changes" working="Saving…" />
      </form>
    </Dialog>
  );
}
