import type { StoredLink } from '../chain/hash-chain.js';

/**
 * One line of the ndjson export: the event as reviewers read it, plus what its hash needs —
 * the chain and position it has (chainId, seq), the canonical form it was hashed under, and
 * the hashes linking it (prevHash, hash). A verifier recomputes hash from the rest.
 */
export interface ExportedEvent extends StoredLink {
  chainId: string;
  seq: number;
  workspaceId: string | null;
}

/** A line of an export that cannot be read as an event at all. */
export class ExportFormatError extends Error {}

const HASH = /^[0-9a-f]{64}$/;
const STRINGS = ['id', 'type', 'severity', 'chainId'] as const;
const NULLABLE_STRINGS = ['userId', 'apiKeyId', 'keyPrefix', 'ip', 'userAgent', 'method', 'path', 'workspaceId'] as const;

function problemOf(value: Record<string, unknown>): string | undefined {
  for (const field of STRINGS) if (typeof value[field] !== 'string') return `${field} is not a string`;
  for (const field of NULLABLE_STRINGS) if (value[field] !== null && typeof value[field] !== 'string') return `${field} is neither a string nor null`;
  if (value.statusCode !== null && !Number.isInteger(value.statusCode)) return 'statusCode is neither a whole number nor null';
  if (!Number.isSafeInteger(value.seq) || (value.seq as number) < 1) return 'seq is not a positive whole number';
  if (!Number.isInteger(value.canonicalVersion)) return 'canonicalVersion is not a whole number';
  if (typeof value.prevHash !== 'string' || !HASH.test(value.prevHash)) return 'prevHash is not 64 hex digits';
  if (typeof value.hash !== 'string' || !HASH.test(value.hash)) return 'hash is not 64 hex digits';
  if (typeof value.details !== 'object' || value.details === null || Array.isArray(value.details)) return 'details is not an object';
  if (typeof value.occurredAt !== 'string' || Number.isNaN(new Date(value.occurredAt).getTime())) return 'occurredAt is not a time';
  return undefined;
}

/** The events of an ndjson export, in the file's order; throws naming the first line that is no event. */
export function parseExport(text: string): ExportedEvent[] {
  const events: ExportedEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch {
      throw new ExportFormatError(`line ${i + 1} is not JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExportFormatError(`line ${i + 1} is not an event object`);
    const record = value as Record<string, unknown>;
    const problem = problemOf(record);
    if (problem) throw new ExportFormatError(`line ${i + 1}: ${problem}${typeof record.id === 'string' ? ` (event ${record.id})` : ''}`);
    events.push({ ...(record as unknown as ExportedEvent), occurredAt: new Date(record.occurredAt as string) });
  }
  return events;
}
