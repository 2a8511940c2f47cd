import type { ChangeEvent } from 'react';
import { Field } from '../components/Field';
import { formatDateTime } from '../lib/relative-time';
import type { ApiKey } from '../api/types';
import { LimitRowsEditor } from '../limits/LimitRowsEditor';
import { CreditsFields } from './CreditsFields';
import { EXPIRY_OPTIONS } from './expiry';
import { DEFAULT_RATE_LIMIT, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_RATE_LIMIT, type KeyFormErrors, type KeyFormField, type KeyFormTouch, type KeyFormValues } from './key-form';

interface KeyFormFieldsProps {
  values: KeyFormValues;
  /** Errors to show now (the owner decides which fields have been touched). */
  errors: KeyFormErrors;
  onChange(values: KeyFormValues): void;
  onBlur(field: KeyFormTouch): void;
  scopeOptions: string[];
  /** Editing: the key as it is (its expiry is offered as "keep", its credits say what saving changes). */
  current?: Pick<ApiKey, 'expiresAt' | 'credits'>;
}

const fmt = (n: number) => n.toLocaleString('en');

export function KeyFormFields({ values, errors, onChange, onBlur, scopeOptions, current }: KeyFormFieldsProps) {
  const set = <K extends keyof KeyFormValues>(field: K, value: KeyFormValues[K]) => onChange({ ...values, [field]: value });
  const text = (field: KeyFormField) => ({
    value: values[field] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(field, e.target.value as never),
    onBlur: () => onBlur(field),
  });
  const toggleScope = (scope: string, checked: boolean) =>
    set('scopes', checked ? [...values.scopes, scope] : values.scopes.filter((s) => s !== scope));

  return (
    <div className="form-grid">
      <Field label="Name" error={errors.name} hint={`Up to ${MAX_NAME_LENGTH} characters, e.g. “CI deploy”.`}>
        <input {...text('name')} required autoComplete="off" data-autofocus />
      </Field>

      <Field label="Description (optional)" error={errors.description} hint={`${values.description.length}/${MAX_DESCRIPTION_LENGTH}`}>
        <textarea {...text('description')} rows={2} />
      </Field>

      <fieldset className={`field field--wide${errors.scopes ? ' field--invalid' : ''}`} aria-describedby="scopes-hint">
        <legend>Scopes</legend>
        <p className="field__hint" id="scopes-hint">
          A key can never do more than you can; these narrow it further. “Everything I have” includes administration (users, roles, other people’s keys) if you hold it.
        </p>
        <label className="checkbox checkbox--strong">
          <input type="checkbox" checked={values.allScopes} onChange={(e) => set('allScopes', e.target.checked)} />
          Everything I have
        </label>
        <div className="checkbox-grid">
          {scopeOptions.map((scope) => (
            <label className="checkbox" key={scope}>
              <input
                type="checkbox"
                checked={values.allScopes || values.scopes.includes(scope)}
                disabled={values.allScopes}
                onChange={(e) => toggleScope(scope, e.target.checked)}
              />
              <span className="mono">{scope}</span>
            </label>
          ))}
        </div>
        {errors.scopes && <p className="field__error">{errors.scopes[0]}</p>}
      </fieldset>

      <Field label="Expires">
        <select {...text('expiry')}>
          {current && <option value="keep">Keep current ({current.expiresAt ? formatDateTime(current.expiresAt) : 'never'})</option>}
          {EXPIRY_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>

      {values.expiry === 'date' && (
        <Field label="Expiry date" error={errors.expiryDate} hint="The key works until the end of that day.">
          <input type="date" {...text('expiryDate')} />
        </Field>
      )}

      <Field label="Valid from (optional)" error={errors.validFrom} hint="Before this moment the key is “pending” and refused.">
        <input type="datetime-local" {...text('validFrom')} />
      </Field>

      <Field label="Rate limit (requests per hour)" error={errors.rateLimit} hint={`Default ${fmt(DEFAULT_RATE_LIMIT)}, maximum ${fmt(MAX_RATE_LIMIT)}.`}>
        <input {...text('rateLimit')} inputMode="numeric" placeholder={String(DEFAULT_RATE_LIMIT)} autoComplete="off" />
      </Field>

      <CreditsFields
        values={values.credits}
        errors={errors.credits ?? {}}
        onChange={(credits) => set('credits', credits)}
        onBlur={(field) => onBlur(`credits.${field}`)}
        current={current?.credits}
      />

      <LimitRowsEditor
        rows={values.limits}
        errors={errors.limits}
        onChange={(limits) => set('limits', limits)}
        onBlur={(id, field) => onBlur(`limits.${id}.${field}`)}
        hint="Limits on this key besides its rate limit above (the limit named default)."
      />

      <Field
        className="field--wide"
        label="IP allowlist (optional)"
        error={errors.allowedIps}
        hint="One IPv4 or IPv6 address or CIDR block per line, e.g. 203.0.113.0/24. Empty allows every IP."
      >
        <textarea {...text('allowedIps')} rows={3} className="mono" spellCheck={false} />
      </Field>

      <Field className="field--wide" label="Metadata (optional JSON object)" error={errors.metadata} hint={'Up to 4 KiB, e.g. {"team": "billing"}.'}>
        <textarea {...text('metadata')} rows={3} className="mono" spellCheck={false} />
      </Field>
    </div>
  );
}
