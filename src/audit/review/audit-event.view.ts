import type { ChainedEvent } from '../chain/hash-chain.js';

/** An audit event as API.md §7 shows it: the fields its hash covers, and the workspace whose chain holds it (§9). */
export type AuditEventView = ChainedEvent & { workspaceId: string | null };

export const VIEW_COLUMNS = `id, occurred_at AS "occurredAt", type, severity, user_id AS "userId", api_key_id AS "apiKeyId",
  key_prefix AS "keyPrefix", ip, user_agent AS "userAgent", method, path, status_code AS "statusCode", details, workspace_id AS "workspaceId"`;

/**
 * An event as the ndjson export writes it: the view, plus what recomputing its hash needs — its
 * chain and place in it (chainId, seq), the canonical form it was hashed under, and its links.
 */
export type ExportedEventView = AuditEventView & { seq: number; chainId: string; canonicalVersion: number; prevHash: string; hash: string };

export const EXPORT_COLUMNS = `${VIEW_COLUMNS}, seq::text AS seq, chain_id AS "chainId", canonical_version AS "canonicalVersion", prev_hash AS "prevHash", hash`;

export const CSV_HEADER = ['id', 'occurredAt', 'type', 'severity', 'userId', 'apiKeyId', 'keyPrefix', 'ip', 'userAgent', 'method', 'path', 'statusCode', 'details', 'workspaceId'] as const;

/**
 * One RFC 4180 field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is
 * prefixed with a quote: user agents and paths are attacker-controlled.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(event: AuditEventView): string {
  return `${CSV_HEADER.map((column) => csvField(event[column])).join(',')}\r\n`;
}

export function ndjsonLine(event: AuditEventView | (Omit<ExportedEventView, 'seq'> & { seq: string })): string {
  return `${JSON.stringify('seq' in event ? { ...event, seq: Number(event.seq) } : event)}\n`;
}
