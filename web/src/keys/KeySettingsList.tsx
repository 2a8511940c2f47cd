import type { ApiKey } from '../api/types';
import { Link } from '../app/router';
import { ScopeList } from '../components/Badges';
import { formatDateTime, formatRelativeTime } from '../lib/relative-time';

export function KeySettingsList({ apiKey }: { apiKey: ApiKey }) {
  return (
    <dl className="details-list" data-testid="key-settings">
      <dt>Scopes</dt>
      <dd>
        <ScopeList scopes={apiKey.scopes} />
      </dd>
      <dt>Rate limit</dt>
      <dd>{apiKey.rateLimit.toLocaleString('en')} requests per hour</dd>
      <dt>IP allowlist</dt>
      <dd>{apiKey.allowedIps.length > 0 ? <span className="mono">{apiKey.allowedIps.join(', ')}</span> : 'Any IP'}</dd>
      <dt>Valid from</dt>
      <dd>{apiKey.validFrom ? formatDateTime(apiKey.validFrom) : 'Immediately'}</dd>
      <dt>Expires</dt>
      <dd>{apiKey.expiresAt ? `${formatDateTime(apiKey.expiresAt)} (${formatRelativeTime(apiKey.expiresAt)})` : 'Never'}</dd>
      <dt>Last used</dt>
      <dd>
        {apiKey.lastUsedAt ? (
          <span title={formatDateTime(apiKey.lastUsedAt)}>
            {formatRelativeTime(apiKey.lastUsedAt)}
            {apiKey.lastUsedIp && <> from <span className="mono">{apiKey.lastUsedIp}</span></>}
          </span>
        ) : (
          'Never'
        )}
      </dd>
      <dt>Requests</dt>
      <dd>{apiKey.usageCount.toLocaleString('en')}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(apiKey.createdAt)}</dd>
      {apiKey.revokedAt && (
        <>
          <dt>Revoked</dt>
          <dd>{formatDateTime(apiKey.revokedAt)}</dd>
        </>
      )}
      {apiKey.rotatedFromId && (
        <>
          <dt>Rotated from</dt>
          <dd>
            <Link to={`/keys/${apiKey.rotatedFromId}`}>the previous key</Link>
          </dd>
        </>
      )}
      <dt>Metadata</dt>
      <dd>
        {Object.keys(apiKey.metadata).length > 0 ? (
          <pre className="code-block code-block--small">
            <code>{JSON.stringify(apiKey.metadata, null, 2)}</code>
          </pre>
        ) : (
          <span className="muted">None</span>
        )}
      </dd>
    </dl>
  );
}
