import { createHash } from 'node:crypto';

/** The genesis link: the first event of a chain follows 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers: everything a reviewer reads. */
export interface ChainedEvent {
  id: string;
  occurredAt: Date;
  type: string;
  severity: string;
  userId: string | null;
  apiKeyId: string | null;
  keyPrefix: string | null;
  ip: string | null;
  userAgent: string | null;
  method: string | null;
  path: string | null;
  statusCode: number | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so equal events always serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function canonicalEvent(event: ChainedEvent): string {
  return canonicalJson({
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    type: event.type,
    severity: event.severity,
    userId: event.userId,
    apiKeyId: event.apiKeyId,
    keyPrefix: event.keyPrefix,
    ip: event.ip,
    userAgent: event.userAgent,
    method: event.method,
    path: event.path,
    statusCode: event.statusCode,
    details: event.details,
  });
}

/** hash = sha256(prevHash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update(canonicalEvent(event)).digest('hex');
}

/** Links `events` after `prevHash`, in order. */
export function linkEvents<T extends ChainedEvent>(prevHash: string, events: T[]): Array<T & { prevHash: string; hash: string }> {
  let previous = prevHash;
  return events.map((event) => {
    const hash = chainHash(previous, event);
    const linked = { ...event, prevHash: previous, hash };
    previous = hash;
    return linked;
  });
}

export interface StoredLink extends ChainedEvent {
  prevHash: string;
  hash: string;
}

/**
 * Checks one stored event against the hash before it. Returns the event's hash to carry on, or
 * null when the event was altered or the chain broken.
 */
export function verifyLink(expectedPrev: string, stored: StoredLink): string | null {
  if (stored.prevHash !== expectedPrev) return null;
  return chainHash(expectedPrev, stored) === stored.hash ? stored.hash : null;
}
