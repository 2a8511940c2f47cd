import type { OAuthApp } from '../api/types';
import { ActionMenu } from '../components/ActionMenu';
import { ScopeList } from '../components/Badges';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { APP_ACTION_LABELS, type AppAction } from './app-actions';
import { ActionsHeader } from '../components/ActionsHeader';

interface AppsTableProps {
  apps: OAuthApp[];
  actionsFor(app: OAuthApp): AppAction[];
  onAction(action: AppAction, app: OAuthApp): void;
}

export function AppsTable({ apps, actionsFor, onAction }: AppsTableProps) {
  const manages = apps.some((app) => actionsFor(app).length > 0);
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid="oauth-apps-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Client ID</th>
            <th scope="col">Redirect URIs</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            {manages && <ActionsHeader />}
          </tr>
        </thead>
        <tbody>
          {apps.map((app) => (
            <tr key={app.id} data-app-id={app.id}>
              <td data-label="Name">
                <strong>{app.name}</strong>
              </td>
              <td data-label="Type">
                <span className="chip">{app.type}</span>
              </td>
              <td data-label="Client ID" className="table__break">
                <code>{app.clientId}</code>
              </td>
              <td data-label="Redirect URIs" className="table__break">
                {app.redirectUris.map((uri) => (
                  <div key={uri} className="mono small">
                    {uri}
                  </div>
                ))}
              </td>
              <td data-label="Scopes">
                <ScopeList scopes={app.scopes} />
              </td>
              <td data-label="Created">
                <time dateTime={app.createdAt} title={formatDateTime(app.createdAt)}>
                  {formatRelativeTime(app.createdAt)}
                </time>
              </td>
              {manages && (
                <td className="table__actions">
                  <ActionMenu
                    label={`Actions for ${app.name}`}
                    items={actionsFor(app).map((action) => ({ id: action, label: APP_ACTION_LABELS[action], danger: action !== 'edit' }))}
                    onSelect={(action) => onAction(action as AppAction, app)}
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
