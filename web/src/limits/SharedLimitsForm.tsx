import { useState, type FormEvent, type ReactNode } from 'react';
import type { NamedLimit, StoredLimit } from '../api/types';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormActions } from '../components/FormActions';
import { limitRowsFrom, sameLimits, validateLimitRows, type LimitField, type LimitListErrors } from './limit-rows';
import { LimitRowsEditor } from './LimitRowsEditor';

interface SharedLimitsFormProps {
  limits: readonly StoredLimit[];
  /** Saves the whole list (a PUT); a rejection is shown in the form, which stays open. */
  onSave(limits: NamedLimit[]): Promise<void>;
  onCancel(): void;
  hint: ReactNode;
}

/** Edits a list of limits shared by keys (a member's, a workspace's): saved whole, or not at all when unchanged. */
export function SharedLimitsForm({ limits, onSave, onCancel, hint }: SharedLimitsFormProps) {
  const [rows, setRows] = useState(() => limitRowsFrom(limits));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const result = validateLimitRows(rows);
  const shown: LimitListErrors | undefined = result.ok
    ? undefined
    : {
        ...result.errors,
        rows: result.errors.rows.map((errors, i) => Object.fromEntries(Object.entries(errors).filter(([field]) => submitted || touched.has(`${rows[i].id}.${field}`)))),
      };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (!result.ok || busy) return;
    if (sameLimits(result.limits, limits)) return onCancel();
    setBusy(true);
    setError(null);
    try {
      await onSave(result.limits);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <LimitRowsEditor rows={rows} errors={shown} onChange={setRows} onBlur={(id: number, field: LimitField) => setTouched((t) => new Set([...t, `${id}.${field}`]))} hint={hint} />
      <ErrorMessage error={error} />
      <FormActions onCancel={onCancel} busy={busy} submit="Save limits" working="Saving…" />
    </form>
  );
}
