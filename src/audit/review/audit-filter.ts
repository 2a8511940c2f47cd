import { invalidCursor, parseCursorTime } from '../../common/cursor-parts.js';
import { storableIp } from '../../common/storable-ip.js';

export interface AuditFilterInput {
  type?: string;
  severity?: string;
  userId?: string;
  apiKeyId?: string;
  ip?: string;
  from?: string;
  to?: string;
}

/**
 * What a reader sees: everything (an instance auditor), one workspace's events (audit:read
 * there), or — without audit:read — only events about themselves (as actor, or as the user an
 * admin changed) or their keys (deleted ones included): in the workspace when one is named, and
 * their own instance-level ones (sign-ins).
 */
export type Visibility =
  | { everything: true }
  | { everything: false; workspaceId: string; userId?: undefined }
  | { everything: false; userId: string; workspaceId?: string };

export interface SqlFilter {
  where: string;
  params: unknown[];
}

export interface AuditCursor {
  occurredAt: Date;
  seq: string;
}

/**
 * The WHERE clause of a review query, parameterised. `type` takes a comma-separated list and a
 * trailing `.*` (e.g. `suspicious.*`); `from` is inclusive, `to` exclusive.
 */
export function buildAuditFilter(filter: AuditFilterInput, visibility: Visibility, cursor?: AuditCursor): SqlFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  // One value is written as `=`, not `= ANY(…)`: only then can the planner walk the
  // (column, occurred_at, seq) index in order and stop after `limit` rows.
  const oneOf = (column: string, values: string[]) => (values.length === 1 ? `${column} = ${param(values[0])}` : `${column} = ANY(${param(values)}::varchar[])`);
  if (filter.type) {
    const types = filter.type.split(',').map((type) => type.trim()).filter(Boolean);
    const exact = types.filter((type) => !type.endsWith('.*'));
    const prefixes = types.filter((type) => type.endsWith('.*')).map((type) => `${type.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`);
    const alternatives = [];
    if (exact.length) alternatives.push(oneOf('type', exact));
    for (const prefix of prefixes) alternatives.push(`type LIKE ${param(prefix)}`);
    if (alternatives.length) clauses.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`);
  }
  if (filter.severity) clauses.push(oneOf('severity', filter.severity.split(',').map((s) => s.trim())));
  if (filter.userId) clauses.push(`user_id = ${param(filter.userId)}`);
  if (filter.apiKeyId) clauses.push(`api_key_id = ${param(filter.apiKeyId)}`);
  // Addresses are stored canonical: 2001:DB8::0:1 finds what was stored as 2001:db8::1.
  if (filter.ip) clauses.push(`ip = ${param(storableIp(filter.ip) ?? filter.ip)}`);
  if (filter.from) clauses.push(`occurred_at >= ${param(filter.from)}`);
  if (filter.to) clauses.push(`occurred_at < ${param(filter.to)}`);
  if (!visibility.everything && visibility.userId === undefined) clauses.push(`workspace_id = ${param(visibility.workspaceId)}`);
  if (!visibility.everything && visibility.userId !== undefined) {
    if (visibility.workspaceId) clauses.push(`(workspace_id = ${param(visibility.workspaceId)} OR workspace_id IS NULL)`);
    const me = param(visibility.userId);
    clauses.push(`(user_id = ${me} OR subject_user_id = ${me} OR api_key_id IN (SELECT id FROM api_keys WHERE user_id = ${me}))`);
  }
  if (cursor) clauses.push(`(occurred_at, seq) < (${param(cursor.occurredAt)}::timestamptz, ${param(cursor.seq)}::bigint)`);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.seq}`).toString('base64url');
}

/** audit_events.seq is a bigint: a larger sequence would be a cast error in the query. */
const MAX_SEQ = 9_223_372_036_854_775_807n;

/** Reads back what encodeAuditCursor wrote and nothing else: a forged time or sequence is a 400. */
export function decodeAuditCursor(raw: string): AuditCursor {
  const parts = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const [time, seq] = parts;
  const occurredAt = parseCursorTime(time);
  if (parts.length !== 2 || !occurredAt || !/^\d{1,19}$/.test(seq!) || BigInt(seq!) > MAX_SEQ) throw invalidCursor();
  return { occurredAt, seq: seq! };
}
