import type { Severity } from '../api/types';
import { isoToLocalDateTime, localDateTimeToIso } from '../keys/expiry';

/** The filters GET /audit-logs takes; also what the page keeps in its URL, so a filtered view can be shared. */
export interface AuditQuery {
  type?: string;
  severity?: Severity;
  apiKeyId?: string;
  userId?: string;
  ip?: string;
  from?: string;
  to?: string;
}

/** The filter form: every input as typed, dates as `datetime-local` values. */
export interface AuditFilterForm {
  type: string;
  severity: '' | Severity;
  apiKeyId: string;
  userId: string;
  ip: string;
  from: string;
  to: string;
}

export const SEVERITIES: Severity[] = ['info', 'warning', 'critical'];

export const KNOWN_EVENT_TYPES = [
  'auth.registered', 'auth.login', 'auth.login_failed', 'auth.logout', 'auth.refresh_reused',
  'user.updated', 'role.created', 'role.updated', 'role.deleted',
  'api_key.created', 'api_key.updated', 'api_key.revoked', 'api_key.revoked_all', 'api_key.deleted', 'api_key.rotated', 'api_key.transferred',
  'api_key.used', 'api_key.auth_failed', 'permission.denied', 'rate_limit.exceeded',
  'suspicious.brute_force', 'suspicious.revoked_key_used', 'suspicious.new_ip', 'suspicious.scope_probing',
  'suspicious.rate_limit_abuse', 'suspicious.key_in_url',
];

const FIELDS = ['type', 'severity', 'apiKeyId', 'userId', 'ip', 'from', 'to'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isSuspicious = (type: string) => type.startsWith('suspicious.');

export function queryFromSearch(search: string): AuditQuery {
  const params = new URLSearchParams(search);
  const query: AuditQuery = {};
  for (const field of FIELDS) {
    const value = params.get(field)?.trim();
    if (!value) continue;
    if (field === 'severity') {
      if (SEVERITIES.includes(value as Severity)) query.severity = value as Severity;
    } else query[field] = value;
  }
  return query;
}

/** `?all=true`: every workspace's events, not only the current one's (instance audit:read). Not a filter: it says where to look. */
export const ALL_WORKSPACES_PARAM = 'all';

export const allWorkspacesIn = (search: string) => new URLSearchParams(search).get(ALL_WORKSPACES_PARAM) === 'true';

export function searchFromQuery(query: AuditQuery, allWorkspaces = false): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) if (query[field]) params.set(field, query[field]!);
  if (allWorkspaces) params.set(ALL_WORKSPACES_PARAM, 'true');
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function formFromQuery(query: AuditQuery): AuditFilterForm {
  return {
    type: query.type ?? '',
    severity: query.severity ?? '',
    apiKeyId: query.apiKeyId ?? '',
    userId: query.userId ?? '',
    ip: query.ip ?? '',
    from: isoToLocalDateTime(query.from),
    to: isoToLocalDateTime(query.to),
  };
}

export type FilterResult = { ok: true; query: AuditQuery } | { ok: false; errors: Partial<Record<keyof AuditFilterForm, string>> };

export function queryFromForm(form: AuditFilterForm): FilterResult {
  const errors: Partial<Record<keyof AuditFilterForm, string>> = {};
  const query: AuditQuery = {};
  const text = (field: 'type' | 'ip' | 'apiKeyId' | 'userId') => form[field].trim();

  if (text('type')) query.type = text('type');
  if (form.severity) query.severity = form.severity;
  if (text('ip')) query.ip = text('ip');
  for (const field of ['apiKeyId', 'userId'] as const) {
    if (!text(field)) continue;
    if (UUID.test(text(field))) query[field] = text(field).toLowerCase();
    else errors[field] = field === 'apiKeyId' ? 'Enter the key’s id (a UUID), not its prefix' : 'Enter the user’s id (a UUID)';
  }
  for (const field of ['from', 'to'] as const) {
    const iso = localDateTimeToIso(form[field]);
    if (iso === null) errors[field] = 'Enter a valid date and time';
    else if (iso) query[field] = iso;
  }
  if (query.from && query.to && query.from > query.to) errors.to = '“To” must be after “From”';

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, query };
}
