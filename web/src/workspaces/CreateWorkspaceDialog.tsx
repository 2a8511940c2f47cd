import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { SLUG_HINT, SLUG_TAKEN_MESSAGE, slugProblem } from './slug';
import { createWorkspace } from './workspaces-api';
import { FormActions } from '../components/FormActions';

export function CreateWorkspaceDialog({ onClose, onCreated }: { onClose(): void; onCreated(workspace: Workspace): void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [slugError, setSlugError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const trimmedName = name.trim();
    const trimmedSlug = slug.trim();
    const badSlug = slugProblem(trimmedSlug);
    setNameError(trimmedName ? null : 'Give the workspace a name.');
    setSlugError(badSlug);
    if (!trimmedName || badSlug) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await createWorkspace(api, { name: trimmedName, ...(trimmedSlug ? { slug: trimmedSlug } : {}) }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'workspace.slug_taken') setSlugError(SLUG_TAKEN_MESSAGE);
      else setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title="Create workspace" onClose={onClose}>
      <form onSubmit={submit} className="stack" noValidate>
        <p className="muted">A shared workspace for a team: you will be its owner and can invite others.</p>
        <Field label="Name" error={nameError}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" data-autofocus />
        </Field>
        <Field label="Slug (optional)" hint={`${SLUG_HINT} Made from the name when left blank.`} error={slugError}>
          <input value={slug} onChange={(e) => setSlug(e.target.value)} className="mono" autoComplete="off" spellCheck={false} autoCapitalize="none" />
        </Field>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Create workspace" working="Creating…" />
      </form>
    </Dialog>
  );
}
