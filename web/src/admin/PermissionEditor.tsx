import { useId, useState } from 'react';
import { customPermissions, permissionGroups, permissionProblem } from './role-form';

interface PermissionEditorProps {
  value: string[];
  onChange(permissions: string[]): void;
  disabled?: boolean;
}

/** Checkboxes for the built-in permissions and their `resource:*` wildcards, plus free-form custom ones. */
export function PermissionEditor({ value, onChange, disabled = false }: PermissionEditorProps) {
  const [candidate, setCandidate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const customId = useId();
  const everything = value.includes('*');
  const set = (permission: string, on: boolean) => onChange(on ? [...value, permission] : value.filter((p) => p !== permission));

  function addCustom() {
    const permission = candidate.trim();
    const reason = permissionProblem(permission, value);
    setProblem(reason);
    if (reason) return;
    onChange([...value, permission]);
    setCandidate('');
  }

  return (
    <fieldset className="field field--wide permission-editor" disabled={disabled}>
      <legend>Permissions</legend>
      <label className="checkbox checkbox--strong">
        <input type="checkbox" checked={everything} onChange={(e) => set('*', e.target.checked)} />
        <span>
          Everything (<span className="mono">*</span>)
        </span>
      </label>
      <div className="permission-groups">
        {permissionGroups().map((group) => {
          const wildcard = `${group.resource}:*`;
          const coveredByGroup = everything || value.includes(wildcard);
          return (
            <div className="permission-group" key={group.resource} role="group" aria-label={`${group.resource} permissions`}>
              <span className="permission-group__name">{group.resource}</span>
              <label className="checkbox">
                <input type="checkbox" checked={everything || value.includes(wildcard)} disabled={everything} onChange={(e) => set(wildcard, e.target.checked)} />
                <span className="mono">{wildcard}</span>
              </label>
              {group.permissions.map((permission) => (
                <label className="checkbox" key={permission}>
                  <input
                    type="checkbox"
                    checked={coveredByGroup || value.includes(permission)}
                    disabled={coveredByGroup}
                    onChange={(e) => set(permission, e.target.checked)}
                  />
                  <span className="mono">{permission}</span>
                </label>
              ))}
            </div>
          );
        })}
      </div>
      {customPermissions(value).length > 0 && (
        <ul className="chips" aria-label="Custom permissions">
          {customPermissions(value).map((permission) => (
            <li className="chip" key={permission}>
              <span className="mono">{permission}</span>
              <button type="button" className="chip__remove" aria-label={`Remove ${permission}`} onClick={() => set(permission, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={customId}>Custom permission</label>
        <div className="copy-row">
          <input
            id={customId}
            className="mono"
            value={candidate}
            placeholder="reports:read"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${customId}-error` : undefined}
            onChange={(e) => setCandidate(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addCustom();
              }
            }}
          />
          <button type="button" className="button button--secondary" onClick={addCustom}>
            Add
          </button>
        </div>
        {problem && (
          <p className="field__error" id={`${customId}-error`}>
            {problem}
          </p>
        )}
      </div>
    </fieldset>
  );
}
