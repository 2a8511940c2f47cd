import { useState } from 'react';
import type { SignInSession } from '../api/types';
import { errorLines } from '../api/api-error';
import { useApi } from '../app/session-context';
import { ErrorMessage } from '../components/ErrorMessage';
import { useNotify } from '../components/Notices';
import { Loading } from '../components/States';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';
import type { AsyncState } from '../lib/use-async';
import { endSession } from './account-api';
import { describeUserAgent } from './account-text';
import { ActionsHeader } from '../components/ActionsHeader';

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelativeTime(at)}
    </time>
  );
}

/** Every sign-in of mine, newest use first; any but this one can be ended. */
export function SessionsSection({ sessions }: { sessions: AsyncState<SignInSession[]> }) {
  const api = useApi();
  const notify = useNotify();
  const [ending, setEnding] = useState<string | null>(null);

  async function end(session: SignInSession) {
    const device = describeUserAgent(session.userAgent);
    setEnding(session.id);
    try {
      await endSession(api, session.id);
      sessions.setData((sessions.data ?? []).filter((s) => s.id !== session.id));
      notify(`Session on ${device} ended.`);
    } catch (error) {
      notify(`Could not end the session on ${device}: ${errorLines(error).join(' ')}`);
    } finally {
      setEnding(null);
    }
  }

  const rows = [...(sessions.data ?? [])].sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
  return (
    <section className="card account-section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="muted">Each sign-in is a session. End one you do not recognise, then change your password.</p>
      {sessions.loading && !sessions.data ? (
        <Loading label="Loading sessions…" />
      ) : sessions.error && !sessions.data ? (
        <ErrorMessage error={sessions.error} onRetry={sessions.reload} />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards" data-testid="sessions-table">
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last used</th>
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {rows.map((session) => {
                const device = describeUserAgent(session.userAgent);
                return (
                  <tr key={session.id} data-session-id={session.id}>
                    <td data-label="Device">
                      <strong title={session.userAgent ?? undefined}>{device}</strong>{' '}
                      {session.current && <span className="badge badge--builtin">this session</span>}
                    </td>
                    <td data-label="IP address" className="mono">
                      {session.ip ?? '—'}
                    </td>
                    <td data-label="Signed in">
                      <When at={session.createdAt} />
                    </td>
                    <td data-label="Last used">
                      <When at={session.lastUsedAt} />
                    </td>
                    <td className="table__actions">
                      {!session.current && (
                        <button
                          type="button"
                          className="button button--small button--danger-outline"
                          aria-label={`End session on ${device}${session.ip ? ` from ${session.ip}` : ''}`}
                          disabled={ending === session.id}
                          onClick={() => end(session)}
                        >
                          {ending === session.id ? 'Ending…' : 'End session'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
