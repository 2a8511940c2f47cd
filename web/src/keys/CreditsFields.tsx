import { useId } from 'react';
import { Field } from '../components/Field';
import type { KeyCredits } from '../api/types';
import { creditCount, type CreditsErrors, type CreditsField, type CreditsFormValues } from './credits-form';
import { NAMED_INTERVALS, normalizeInterval, refillInWords, refillIntervalProblem } from './refill-interval';

interface CreditsFieldsProps {
  values: CreditsFormValues;
  errors: CreditsErrors;
  onChange(values: CreditsFormValues): void;
  onBlur(field: CreditsField): void;
  /** Editing: the credits the key has now (null: none), for what saving would change. */
  current?: KeyCredits | null;
}

/** Credits in the key form: how many are left, and an optional refill schedule. */
export function CreditsFields({ values, errors, onChange, onBlur, current }: CreditsFieldsProps) {
  const hintId = useId();
  const set = (change: Partial<CreditsFormValues>) => onChange({ ...values, ...change });
  const removing = current && !values.enabled;

  return (
    <fieldset className="field field--wide credits-fields" aria-describedby={hintId}>
      <legend>Credits</legend>
      <p className="field__hint" id={hintId}>
        A key with credits spends one a request (an audit log export costs 10, <code>GET /auth/me</code> nothing) and is refused with 429
        once none are left, until a refill or until you add some.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Count this key’s uses with credits
      </label>
      {removing && <p className="alert alert--warning">Saving removes this key’s credits: it then works without counting down.</p>}
      {values.enabled && (
        <div className="form-grid">
          <Field
            label="Credits remaining"
            error={errors.remaining}
            hint={current ? 'As last written back, within a second of use. A new figure replaces what is left; to add or take some, use the key page.' : undefined}
          >
            <input value={values.remaining} onChange={(e) => set({ remaining: e.target.value })} onBlur={() => onBlur('remaining')} inputMode="numeric" autoComplete="off" />
          </Field>
          <label className="checkbox field--wide">
            <input type="checkbox" checked={values.refill} onChange={(e) => set({ refill: e.target.checked })} />
            Refill on a schedule
          </label>
          {values.refill && <RefillFields values={values} errors={errors} set={set} onBlur={onBlur} />}
        </div>
      )}
    </fieldset>
  );
}

function RefillFields({ values, errors, set, onBlur }: { values: CreditsFormValues; errors: CreditsErrors; set(change: Partial<CreditsFormValues>): void; onBlur(field: CreditsField): void }) {
  const interval = values.interval === 'custom' ? normalizeInterval(values.customInterval) : values.interval;
  const amount = creditCount(values.amount, 1);
  const modeName = useId();
  const preview = amount.ok && !refillIntervalProblem(interval) ? refillInWords({ amount: amount.value, interval, mode: values.mode }) : null;
  return (
    <>
      <Field label="Refill amount" error={errors.amount}>
        <input value={values.amount} onChange={(e) => set({ amount: e.target.value })} onBlur={() => onBlur('amount')} inputMode="numeric" autoComplete="off" />
      </Field>
      <Field label="Refill every" hint="Refills fall on whole intervals from when the schedule is saved.">
        <select value={values.interval} onChange={(e) => set({ interval: e.target.value as CreditsFormValues['interval'] })}>
          {NAMED_INTERVALS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          <option value="custom">other (ISO-8601 duration)</option>
        </select>
      </Field>
      {values.interval === 'custom' && (
        <Field label="Refill interval (ISO-8601)" error={errors.customInterval} hint="At least a minute, e.g. PT15M (15 minutes), P2W (2 weeks), P1DT12H.">
          <input
            value={values.customInterval}
            onChange={(e) => set({ customInterval: e.target.value })}
            onBlur={() => onBlur('customInterval')}
            className="mono"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
      )}
      <fieldset className="field field--wide">
        <legend className="field__label">Refill mode</legend>
        <label className="radio">
          <input type="radio" name={modeName} checked={values.mode === 'reset'} onChange={() => set({ mode: 'reset' })} />
          Reset to the amount
        </label>
        <label className="radio">
          <input type="radio" name={modeName} checked={values.mode === 'add'} onChange={() => set({ mode: 'add' })} />
          Add the amount to what is left
        </label>
      </fieldset>
      {preview && (
        <p className="field--wide muted" data-testid="refill-preview">
          {preview}.
        </p>
      )}
    </>
  );
}
