import { useState, type FormEvent } from 'react';
import type { CreatedOAuthApp, OAuthApp } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormActions } from '../components/FormActions';
import { useWorkspaceScope } from '../workspaces/workspace-scope';
import { appFormFromApp, emptyAppForm, validateAppUpdate, validateNewApp, type AppFormErrors, type AppFormResult } from './app-form';
import { AppFormFields } from './AppFormFields';
import { registerApp, updateApp } from './oauth-apps-api';

type AppDialogProps =
  | { app?: undefined; onClose(): void; onRegistered(created: CreatedOAuthApp): void }
  | { app: OAuthApp; onClose(): void; onSaved(app: OAuthApp): void };

/** Registers an app in the current workspace, or edits one (its name, redirect URIs and scopes; the type stays). */
export function AppDialog(props: AppDialogProps) {
  const { api } = useWorkspaceScope();
  const editing = props.app;
  const [values, setValues] = useState(() => (editing ? appFormFromApp(editing) : emptyAppForm()));
  const [errors, setErrors] = useState<AppFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function checked<T>(result: AppFormResult<T>): result is { ok: true; body: T } {
    setErrors(result.ok ? {} : result.errors);
    return result.ok;
  }

  async function send<T>(request: () => Promise<T>, done: (answer: T) => void) {
    setBusy(true);
    setError(null);
    try {
      done(await request());
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (props.app) {
      const { id } = props.app;
      const result = validateAppUpdate(values, props.app);
      if (!checked(result)) return;
      if (Object.keys(result.body).length === 0) return props.onClose();
      await send(() => updateApp(api, id, result.body), props.onSaved);
    } else {
      const result = validateNewApp(values);
      if (checked(result)) await send(() => registerApp(api, result.body), props.onRegistered);
    }
  }

  return (
    <Dialog title={editing ? `Edit ${editing.name}` : 'Register OAuth app'} onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate className="stack">
        <AppFormFields values={values} errors={errors} onChange={setValues} typeFixed={Boolean(editing)} />
        <ErrorMessage error={error} />
        <FormActions onCancel={props.onClose} busy={busy} submit={editing ? 'Save changes' : 'Register app'} working={editing ? 'Saving…' : 'Registering…'} />
      </form>
    </Dialog>
  );
}
