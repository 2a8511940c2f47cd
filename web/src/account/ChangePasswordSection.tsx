import { useState, type FormEvent } from 'react';
import { useApi } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { useNotify } from '../components/Notices';
import { changePassword } from './account-api';
import { fieldError, newPasswordProblem } from './new-password';
import { NewPasswordFields } from './NewPasswordFields';

/** Changing the password ends every other session; `onChanged` lets the sessions list catch up. */
export function ChangePasswordSection({ onChanged }: { onChanged(): void }) {
  const api = useApi();
  const notify = useNotify();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const wrongCurrent = fieldError(error, 'currentPassword') ? 'This is not your current password.' : null;
  const newRefused = fieldError(error, 'newPassword');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const local = currentPassword ? newPasswordProblem(newPassword, repeated) : 'Enter your current password.';
    setProblem(local);
    setError(null);
    if (local) return;
    setBusy(true);
    try {
      await changePassword(api, { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setRepeated('');
      notify('Password changed. Your other sessions have ended.');
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card account-section" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="muted">Changing it signs you out everywhere else; this session stays.</p>
      <form onSubmit={submit} className="stack account-form" noValidate>
        <Field label="Current password" error={wrongCurrent}>
          <input type="password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} autoComplete="current-password" />
        </Field>
        <NewPasswordFields password={newPassword} repeated={repeated} onPassword={setNewPassword} onRepeated={setRepeated} problem={problem} refused={newRefused} />
        {!wrongCurrent && !newRefused && <ErrorMessage error={error} />}
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
