import type { AuditEvent } from '../api/types';
import { SeverityBadge } from '../components/Badges';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import { isSuspicious } from './audit-query';

interface AuditTableProps {
  events: AuditEvent[];
  onOpen(event: AuditEvent): void;
  /** The key detail page leaves out the key column: it is always the same key. */
  showKey?: boolean;
  /** Names each event's workspace in a Workspace column, when the list spans every workspace. */
  workspaceOf?(event: AuditEvent): string;
}

export const shortId = (id: string | null) => (id ? id.slice(0, 8) : '—');

export function AuditTable({ events, onOpen, showKey = true, workspaceOf }: AuditTableProps) {
  return (
    <div className="table-wrap">
      <table className="table table--cards" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Severity</th>
            <th scope="col">Event</th>
            {workspaceOf && <th scope="col">Workspace</th>}
            {showKey && <th scope="col">Key</th>}
            <th scope="col">User</th>
            <th scope="col">IP</th>
            <th scope="col">Request</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className={`severity-row severity-row--${event.severity}${isSuspicious(event.type) ? ' severity-row--suspicious' : ''}`}>
              <td data-label="Time" className="nowrap">
                <time dateTime={event.occurredAt} title={formatDateTime(event.occurredAt)}>
                  {formatRelativeTime(event.occurredAt)}
                </time>
              </td>
              <td data-label="Severity">
                <SeverityBadge severity={event.severity} />
              </td>
              <td data-label="Event">
                <button type="button" className="link-button mono" onClick={() => onOpen(event)} aria-label={`Details of ${event.type} event`}>
                  {isSuspicious(event.type) && <span className="suspicious-flag">Suspicious</span>}
                  {event.type}
                </button>
              </td>
              {workspaceOf && <td data-label="Workspace">{workspaceOf(event)}</td>}
              {showKey && (
                <td data-label="Key">
                  <code>{event.keyPrefix ?? '—'}</code>
                </td>
              )}
              <td data-label="User" title={event.userId ?? undefined}>
                <code>{shortId(event.userId)}</code>
              </td>
              <td data-label="IP">{event.ip ?? '—'}</td>
              <td data-label="Request" className="small">
                {event.method ? (
                  <>
                    <code>
                      {event.method} {event.path}
                    </code>{' '}
                    {event.statusCode !== null && <span className={event.statusCode >= 400 ? 'status-code status-code--error' : 'status-code'}>{event.statusCode}</span>}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
