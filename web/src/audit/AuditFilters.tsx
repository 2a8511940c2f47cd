import { useState, type FormEvent } from 'react';
import { Field } from '../components/Field';
import { formFromQuery, KNOWN_EVENT_TYPES, queryFromForm, SEVERITIES, type AuditFilterForm, type AuditQuery } from './audit-query';

interface AuditFiltersProps {
  applied: AuditQuery;
  onApply(query: AuditQuery): void;
}

export function AuditFilters({ applied, onApply }: AuditFiltersProps) {
  const [form, setForm] = useState<AuditFilterForm>(() => formFromQuery(applied));
  const [errors, setErrors] = useState<Partial<Record<keyof AuditFilterForm, string>>>({});
  const input = (field: keyof AuditFilterForm) => ({
    value: form[field],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = queryFromForm(form);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) onApply(result.query);
  }

  function reset() {
    setForm(formFromQuery({}));
    setErrors({});
    onApply({});
  }

  const activeCount = Object.keys(applied).length;
  // Open on wide screens or when filters apply; on a phone the list comes first.
  const [startOpen] = useState(() => activeCount > 0 || !window.matchMedia?.('(max-width: 760px)').matches);
  return (
    <details className="filters-panel" open={startOpen}>
      <summary>
        Filters{activeCount > 0 && <span className="filters-panel__count"> ({activeCount} applied)</span>}
      </summary>
      <form className="filters" onSubmit={submit} noValidate aria-label="Audit log filters">
        <Field label="Event type">
          <input {...input('type')} list="audit-event-types" placeholder="e.g. api_key.used" autoComplete="off" />
        </Field>
        <datalist id="audit-event-types">
          {KNOWN_EVENT_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <Field label="Severity">
          <select {...input('severity')}>
            <option value="">Any</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Key id" error={errors.apiKeyId}>
          <input {...input('apiKeyId')} className="mono" autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="User id" error={errors.userId}>
          <input {...input('userId')} className="mono" autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="IP address">
          <input {...input('ip')} className="mono" autoComplete="off" spellCheck={false} />
        </Field>
        <Field label="From" error={errors.from}>
          <input type="datetime-local" {...input('from')} />
        </Field>
        <Field label="To" error={errors.to}>
          <input type="datetime-local" {...input('to')} />
        </Field>
        <div className="button-row filters__buttons">
          <button type="submit" className="button">
            Apply filters
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            Reset
          </button>
        </div>
      </form>
    </details>
  );
}
