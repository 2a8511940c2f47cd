import { useId } from 'react';
import { Field } from '../components/Field';
import { describeScope } from '../oauth/scope-descriptions';
import { APP_SCOPE_ALIASES, APP_SCOPE_PERMISSIONS, MAX_APP_NAME_LENGTH, MAX_REDIRECT_URIS, type AppFormErrors, type AppFormValues } from './app-form';

interface AppFormFieldsProps {
  values: AppFormValues;
  errors: AppFormErrors;
  onChange(values: AppFormValues): void;
  /** Registering chooses the type; it never changes afterwards. */
  typeFixed: boolean;
}

export function AppFormFields({ values, errors, onChange, typeFixed }: AppFormFieldsProps) {
  const set = <K extends keyof AppFormValues>(field: K, value: AppFormValues[K]) => onChange({ ...values, [field]: value });
  const toggleScope = (scope: string, on: boolean) => set('scopes', on ? [...values.scopes, scope] : values.scopes.filter((s) => s !== scope));
  const typeHint = useId();

  return (
    <div className="form-grid">
      <Field label="Name" error={errors.name} hint={`Up to ${MAX_APP_NAME_LENGTH} characters. People see it when the app asks them for access.`}>
        <input value={values.name} onChange={(e) => set('name', e.target.value)} required autoComplete="off" data-autofocus />
      </Field>

      <Field
        label="Redirect URIs"
        error={errors.redirectUris}
        hint={`One a line, up to ${MAX_REDIRECT_URIS}, matched exactly: https, or http on localhost, 127.0.0.1 or [::1].`}
        className="field--wide"
      >
        <textarea value={values.redirectUris} onChange={(e) => set('redirectUris', e.target.value)} rows={3} className="mono" spellCheck={false} />
      </Field>

      <fieldset className="field field--wide" aria-describedby={typeHint}>
        <legend>Type</legend>
        {typeFixed ? (
          <p id={typeHint}>{values.type === 'confidential' ? 'Confidential: it authenticates with its secret.' : 'Public: no secret; its clients must use PKCE.'}</p>
        ) : (
          <>
            <label className="checkbox">
              <input type="radio" name="app-type" checked={values.type === 'confidential'} onChange={() => set('type', 'confidential')} />
              Confidential: a server that keeps a client secret
            </label>
            <label className="checkbox">
              <input type="radio" name="app-type" checked={values.type === 'public'} onChange={() => set('type', 'public')} />
              Public: a browser or mobile app, no secret, PKCE required
            </label>
            <p className="field__hint" id={typeHint}>
              The type cannot be changed later.
            </p>
          </>
        )}
      </fieldset>

      <fieldset className={`field field--wide${errors.scopes ? ' field--invalid' : ''}`}>
        <legend>Scopes</legend>
        <p className="field__hint">The most the app may ask for. It never gets more than the person who authorizes it may do.</p>
        <div className="scope-options">
          {[...APP_SCOPE_ALIASES, ...APP_SCOPE_PERMISSIONS].map((scope) => (
            <label className="checkbox" key={scope}>
              <input type="checkbox" checked={values.scopes.includes(scope)} onChange={(e) => toggleScope(scope, e.target.checked)} />
              <span>
                <span className="mono">{scope}</span> <span className="muted">{describeScope(scope)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes && <p className="field__error">{errors.scopes[0]}</p>}
      </fieldset>
    </div>
  );
}
