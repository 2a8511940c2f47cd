import type { ApiKey } from '../api/types';
import { Link } from '../app/router';
import { ActionMenu } from '../components/ActionMenu';
import { ScopeList, StatusBadge } from '../components/Badges';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { KEY_ACTION_LABELS, type KeyAction } from './key-actions';
import { ActionsHeader } from '../components/ActionsHeader';

interface KeysTableProps {
  keys: ApiKey[];
  /** The actions a row's menu offers; no actions column when nobody may act (`canManage` false). */
  canManage: boolean;
  actionsFor(key: ApiKey): KeyAction[];
  onAction(action: KeyAction, key: ApiKey): void;
  /** Names each key's owner in an Owner column, when the list holds every member's keys. */
  ownerOf?(key: ApiKey): string;
}

const DANGEROUS: KeyAction[] = ['revoke', 'delete'];

export function KeysTable({ keys, canManage, actionsFor, onAction, ownerOf }: KeysTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid="keys-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            {ownerOf && <th scope="col">Owner</th>}
            <th scope="col">Key</th>
            <th scope="col">Scopes</th>
            <th scope="col">Rate limit</th>
            <th scope="col">Status</th>
            <th scope="col">Last used</th>
            <th scope="col">Created</th>
            {canManage && <ActionsHeader />}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-key-id={key.id}>
              <td data-label="Name">
                <Link to={`/keys/${key.id}`} className="strong-link">
                  {key.name}
                </Link>
                {key.description && <div className="muted small clamp">{key.description}</div>}
              </td>
              {ownerOf && (
                <td data-label="Owner" className="table__break">
                  {ownerOf(key)}
                </td>
              )}
              <td data-label="Key">
                <code>{key.keyPrefix}</code>
              </td>
              <td data-label="Scopes">
                <ScopeList scopes={key.scopes} />
              </td>
              <td data-label="Rate limit">{key.rateLimit.toLocaleString('en')}/h</td>
              <td data-label="Status">
                <StatusBadge status={key.status} />
              </td>
              <td data-label="Last used">
                {key.lastUsedAt ? (
                  <span title={`${formatDateTime(key.lastUsedAt)}${key.lastUsedIp ? ` from ${key.lastUsedIp}` : ''}`}>
                    {formatRelativeTime(key.lastUsedAt)}
                  </span>
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td data-label="Created">
                <time dateTime={key.createdAt} title={formatDateTime(key.createdAt)}>
                  {formatRelativeTime(key.createdAt)}
                </time>
              </td>
              {canManage && (
                <td className="table__actions">
                  <ActionMenu
                    label={`Actions for ${key.name}`}
                    items={actionsFor(key).map((action) => ({ id: action, label: KEY_ACTION_LABELS[action], danger: DANGEROUS.includes(action) }))}
                    onSelect={(action) => onAction(action as KeyAction, key)}
                  />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
