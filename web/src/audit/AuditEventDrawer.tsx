import type { AuditEvent } from '../api/types';
import { Link } from '../app/router';
import { SeverityBadge } from '../components/Badges';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../lib/relative-time';
import { isSuspicious } from './audit-query';

export function AuditEventDrawer({ event, onClose }: { event: AuditEvent; onClose(): void }) {
  return (
    <Dialog title={event.type} onClose={onClose} variant="drawer" testId="audit-event-drawer">
      {isSuspicious(event.type) && (
        <div className="alert alert--warning" role="note">
          Suspicious activity: review the key and the IP below.
        </div>
      )}
      <dl className="details-list">
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={event.severity} />
        </dd>
        <dt>When</dt>
        <dd>
          {formatDateTime(event.occurredAt)} <span className="muted mono small">{event.occurredAt}</span>
        </dd>
        <dt>Event id</dt>
        <dd className="mono">{event.id}</dd>
        <dt>User</dt>
        <dd className="mono">{event.userId ?? '—'}</dd>
        <dt>API key</dt>
        <dd>
          {event.apiKeyId ? (
            <Link to={`/keys/${event.apiKeyId}`} className="mono" onClick={onClose}>
              {event.keyPrefix ?? event.apiKeyId}
            </Link>
          ) : (
            '—'
          )}
        </dd>
        <dt>IP</dt>
        <dd className="mono">{event.ip ?? '—'}</dd>
        <dt>User agent</dt>
        <dd className="small">{event.userAgent ?? '—'}</dd>
        <dt>Request</dt>
        <dd className="mono">{event.method ? `${event.method} ${event.path ?? ''}` : '—'}</dd>
        <dt>Status</dt>
        <dd>{event.statusCode ?? '—'}</dd>
      </dl>
      <h3 className="section-title">Details</h3>
      <pre className="code-block" data-testid="audit-event-details">
        <code>{JSON.stringify(event.details, null, 2)}</code>
      </pre>
    </Dialog>
  );
}
