import { useId, useState, type ReactNode } from 'react';
import { Field } from '../components/Field';
import { MAX_LIMITS, newLimitRow, WINDOW_UNITS, type LimitField, type LimitListErrors, type LimitRow, type WindowUnit } from './limit-rows';
import { ROUTE_LIMIT_NAMES } from './limit-words';

interface LimitRowsEditorProps {
  rows: LimitRow[];
  /** Errors to show now, by row position (the owner decides which inputs have been left). */
  errors?: LimitListErrors;
  onChange(rows: LimitRow[]): void;
  onBlur(id: number, field: LimitField): void;
  /** What these limits are counted over (a key, a member's keys, the workspace's keys). */
  hint: ReactNode;
}

/** Named limits as editable rows: add, change, remove; the whole list is what gets saved. */
export function LimitRowsEditor({ rows, errors, onChange, onBlur, hint }: LimitRowsEditorProps) {
  // The row just added takes the focus, so its name can be typed at once.
  const [added, setAdded] = useState<number | null>(null);
  const hintId = useId();
  const update = (id: number, change: Partial<LimitRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const add = () => {
    const row = newLimitRow(rows);
    setAdded(row.id);
    onChange([...rows, row]);
  };

  return (
    <fieldset className="field field--wide limit-rows" aria-describedby={hintId}>
      <legend>Named limits</legend>
      <p className="field__hint" id={hintId}>
        {hint} Names the service’s routes count in: {ROUTE_LIMIT_NAMES.map((name, i) => <span key={name}>{i > 0 && ', '}<code>{name}</code></span>)}; an auto limit
        counts every request. Windows are fixed: they reset when they end, from 1 second to 30 days.
      </p>
      {rows.length === 0 && <p className="muted">No named limits.</p>}
      {rows.map((row, i) => {
        const rowErrors = errors?.rows[i] ?? {};
        const text = (field: LimitField) => ({
          value: row[field],
          onChange: (e: { target: { value: string } }) => update(row.id, { [field]: e.target.value }),
          onBlur: () => onBlur(row.id, field),
          autoComplete: 'off',
        });
        return (
          <fieldset className="limit-row" key={row.id} aria-label={`Named limit ${i + 1}`}>
            <Field label="Limit name" error={rowErrors.name}>
              <input {...text('name')} className="mono" spellCheck={false} autoCapitalize="none" autoFocus={row.id === added} placeholder="search" />
            </Field>
            <Field label="Allows" error={rowErrors.limit}>
              <input {...text('limit')} inputMode="numeric" placeholder="100" />
            </Field>
            <Field label="Window" error={rowErrors.window}>
              <input {...text('window')} inputMode="numeric" />
            </Field>
            <div className="field">
              <label htmlFor={`limit-unit-${row.id}`}>Unit</label>
              <select id={`limit-unit-${row.id}`} aria-label="Window unit" value={row.unit} onChange={(e) => update(row.id, { unit: e.target.value as WindowUnit })}>
                {WINDOW_UNITS.map(({ unit }) => (
                  <option key={unit} value={unit}>
                    {unit}
                  </option>
                ))}
              </select>
            </div>
            <Field label="Cost" error={rowErrors.cost}>
              <input {...text('cost')} inputMode="numeric" />
            </Field>
            <label className="checkbox limit-row__auto">
              <input type="checkbox" checked={row.auto} onChange={(e) => update(row.id, { auto: e.target.checked })} />
              Every request (auto)
            </label>
            <button
              type="button"
              className="button button--secondary button--small limit-row__remove"
              aria-label={`Remove limit ${row.name.trim() || i + 1}`}
              onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
            >
              Remove
            </button>
          </fieldset>
        );
      })}
      {errors?.list && <p className="field__error">{errors.list}</p>}
      <div className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={add} disabled={rows.length >= MAX_LIMITS}>
          Add limit
        </button>
        {rows.length >= MAX_LIMITS && <span className="muted small">At most {MAX_LIMITS} named limits.</span>}
      </div>
    </fieldset>
  );
}
