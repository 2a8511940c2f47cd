import { useState } from 'react';
import type { ApiKey, AuditEvent } from '../api/types';
import { Link, navigate } from '../app/router';
import { AuditEventDrawer } from '../audit/AuditEventDrawer';
import { AuditTable } from '../audit/AuditTable';
import { listAuditEvents } from '../audit/audit-api';
import { StatusBadge } from '../components/Badges';
import { ErrorMessage } from '../components/ErrorMessage';
import { EmptyState, Loading } from '../components/States';
import { useAsync } from '../lib/use-async';
import { KEY_ACTION_LABELS } from './key-actions';
import { KeyQuotaPanel } from './KeyQuotaPanel';
import { KeySettingsList } from './KeySettingsList';
import { getKey } from './keys-api';
import { UsagePanel } from './UsagePanel';
import { useKeyAbilities } from './use-key-abilities';
import { useKeyActions } from './use-key-actions';
import { useWorkspaceScope } from '../workspaces/workspace-scope';

const RECENT_EVENTS = 20;

export function KeyDetailPage({ id }: { id: string }) {
  const { api } = useWorkspaceScope();
  const abilities = useKeyAbilities();
  const key = useAsync((signal) => getKey(api, id, signal), [api, id]);
  const events = useAsync((signal) => listAuditEvents({ api, allWorkspaces: false }, { apiKeyId: id }, undefined, signal, RECENT_EVENTS), [api, id]);
  const [openEvent, setOpenEvent] = useState<AuditEvent | null>(null);
  const showUpdated = (updated: ApiKey) => {
    key.setData(updated);
    events.reload();
  };
  const actions = useKeyActions({
    onUpdated: showUpdated,
    onTransferred: showUpdated,
    onDeleted: () => navigate('/keys'),
    onRotated: (created) => navigate(`/keys/${created.id}`),
  });

  if (key.loading) return <Loading label="Loading key…" />;
  if (key.error || !key.data) {
    return (
      <section className="page">
        <BackLink />
        <ErrorMessage error={key.error} onRetry={key.reload} />
      </section>
    );
  }
  const apiKey = key.data;

  return (
    <section className="page">
      <BackLink />
      <header className="page__header">
        <div>
          <h1 tabIndex={-1} className="title-with-badge">
            {apiKey.name} <StatusBadge status={apiKey.status} />
          </h1>
          <p className="muted">
            <code>{apiKey.keyPrefix}</code>
            {apiKey.description ? ` · ${apiKey.description}` : ''}
          </p>
        </div>
        {abilities.canWrite && (
          <div className="button-row" role="group" aria-label="Key actions">
            {abilities.actionsFor(apiKey).map((action) => (
              <button
                key={action}
                type="button"
                className={`button button--small ${action === 'revoke' || action === 'delete' ? 'button--danger-outline' : 'button--secondary'}`}
                onClick={() => actions.run(action, apiKey)}
              >
                {KEY_ACTION_LABELS[action]}
              </button>
            ))}
          </div>
        )}
      </header>

      <div className="detail-grid">
        <div className="stack">
          <section className="card" aria-labelledby="settings-title">
            <h2 id="settings-title">Settings</h2>
            <KeySettingsList apiKey={apiKey} />
          </section>
          <KeyQuotaPanel apiKey={apiKey} onUpdated={showUpdated} />
        </div>
        <UsagePanel keyId={apiKey.id} credits={apiKey.credits !== null} />
      </div>

      <section className="card" aria-labelledby="events-title">
        <header className="card__header">
          <h2 id="events-title">Recent events</h2>
          <Link to={`/audit?apiKeyId=${apiKey.id}`}>Open in the audit log</Link>
        </header>
        {events.loading ? (
          <Loading label="Loading events…" />
        ) : events.error ? (
          <ErrorMessage error={events.error} onRetry={events.reload} />
        ) : !events.data?.items.length ? (
          <EmptyState title="No events for this key yet." />
        ) : (
          <AuditTable events={events.data.items} onOpen={setOpenEvent} showKey={false} />
        )}
      </section>

      {openEvent && <AuditEventDrawer event={openEvent} onClose={() => setOpenEvent(null)} />}
      {actions.dialogs}
    </section>
  );
}

function BackLink() {
  return (
    <Link to="/keys" className="back-link">
      ← API keys
    </Link>
  );
}
