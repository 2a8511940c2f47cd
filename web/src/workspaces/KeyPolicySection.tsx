import { useState, type FormEvent } from 'react';
import type { Workspace } from '../api/types';
import { useApi } from '../app/session-context';
import { useWorkspaces } from '../app/workspace-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { useNotify } from '../components/Notices';
import { changedPolicy, formOfPolicy, type KeyPolicyForm, policyInWords } from './key-policy-form';
import { updateWorkspace } from './workspaces-api';

/**
 * What the workspace demands of its keys (API.md §15 key policy): shown to every member, changed by
 * whoever holds members:write and keys:admin there. Keys made before a rule keep working; the keys
 * page lists the ones that break it.
 */
export function KeyPolicySection({ workspace, canEdit }: { workspace: Workspace; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const rules = policyInWords(workspace.keyPolicy);
  return (
    <section className="card" aria-labelledby="key-policy-title">
      <h2 id="key-policy-title">Key policy</h2>
      {editing ? (
        <KeyPolicyEditor workspace={workspace} onDone={() => setEditing(false)} />
      ) : (
        <div className="stack">
          {rules.length ? (
            <ul data-testid="key-policy">
              {rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          ) : (
            <p className="muted" data-testid="key-policy">
              No key policy: keys here follow only the plan’s limits.
            </p>
          )}
          {canEdit && (
            <div className="button-row">
              <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
                Edit key policy
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function KeyPolicyEditor({ workspace, onDone }: { workspace: Workspace; onDone(): void }) {
  const api = useApi();
  const notify = useNotify();
  const workspaces = useWorkspaces();
  const [form, setForm] = useState<KeyPolicyForm>(() => formOfPolicy(workspace.keyPolicy));
  const [problems, setProblems] = useState<Partial<Record<keyof KeyPolicyForm, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof KeyPolicyForm) => (value: string | boolean) => setForm((current) => ({ ...current, [field]: value }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const changed = changedPolicy(workspace.keyPolicy, form);
    setProblems(changed.problems);
    if (busy || Object.keys(changed.problems).length) return;
    if (!Object.keys(changed.update).length) return onDone();
    setBusy(true);
    setError(null);
    try {
      workspaces.upsert(await updateWorkspace(api, workspace.id, { keyPolicy: changed.update }));
      notify('Key policy saved. Existing keys keep working; the keys page lists those outside it.');
      onDone();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} className="stack" noValidate>
      <Field label="Longest lifetime (days)" hint="Keys must expire at most this many days after they are created or changed. Empty: no limit." error={problems.maxLifetimeDays}>
        <input inputMode="numeric" value={form.maxLifetimeDays} onChange={(e) => set('maxLifetimeDays')(e.target.value)} />
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={form.requireIpAllowlist} onChange={(e) => set('requireIpAllowlist')(e.target.checked)} />
        <span>Keys must have an IP allowlist</span>
      </label>
      <Field label="Allowed scopes" hint="Comma-separated permissions keys may carry (contents:read, contents:*). Empty: any scope." error={problems.allowedScopes}>
        <input className="mono" value={form.allowedScopes} onChange={(e) => set('allowedScopes')(e.target.value)} spellCheck={false} autoCapitalize="none" />
      </Field>
      <Field label="Highest rate limit (requests an hour)" hint="The plan’s maximum still applies; the lower one binds. Empty: the plan’s alone." error={problems.maxRateLimit}>
        <input inputMode="numeric" value={form.maxRateLimit} onChange={(e) => set('maxRateLimit')(e.target.value)} />
      </Field>
      <ErrorMessage error={error} />
      <FormActions onCancel={onDone} busy={busy} submit="Save key policy" working="Saving…" />
    </form>
  );
}
