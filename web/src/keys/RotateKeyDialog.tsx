import { useState, type FormEvent } from 'react';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { rotateKey } from './keys-api';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { FormActions } from '../components/FormActions';

export const GRACE_PERIODS = [
  { seconds: 0, label: 'Now', hint: 'the old key is revoked at once' },
  { seconds: 3600, label: 'In 1 hour', hint: 'the old key keeps working for an hour' },
  { seconds: 86_400, label: 'In 24 hours', hint: 'the old key keeps working for a day' },
  { seconds: 604_800, label: 'In 7 days', hint: 'the old key keeps working for a week' },
] as const;

export function RotateKeyDialog({ apiKey, onClose, onRotated }: { apiKey: ApiKey; onClose(): void; onRotated(created: CreatedApiKey): void }) {
  const { api } = useWorkspaceScope();
  const [grace, setGrace] = useState<number>(3600);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onRotated(await rotateKey(api, apiKey.id, grace));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Rotate ${apiKey.name}`} onClose={onClose}>
      <form onSubmit={submit} className="stack">
        <p>
          A new key with the same settings replaces <span className="mono">{apiKey.keyPrefix}</span>. Its secret is shown once.
        </p>
        <fieldset className="field">
          <legend>Stop the old key</legend>
          {GRACE_PERIODS.map((option) => (
            <label className="radio" key={option.seconds}>
              <input type="radio" name="grace" value={option.seconds} checked={grace === option.seconds} onChange={() => setGrace(option.seconds)} />
              <span>
                {option.label} <span className="muted">— {option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={error} />
        <FormActions onCancel={onClose} busy={busy} submit="Rotate key" working="Rotating…" />
      </form>
    </Dialog>
  );
}
