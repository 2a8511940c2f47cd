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
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  // Whatever JSON.stringify would turn into something else (a Date into text…), likewise.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
}

const text = (value: string | number | null) => JSON.stringify(value);

/**
 * canonicalJson of the event's fields, written out in their sorted order: the same text,
 * without sorting and allocating for every event.
 */
export function canonicalEvent(event: ChainedEvent): string {
  return (
    `{"apiKeyId":${text(event.apiKeyId)},"details":${canonicalJson(event.details)},"id":${text(event.id)},"ip":${text(event.ip)}` +
    `,"keyPrefix":${text(event.keyPrefix)},"method":${text(event.method)},"occurredAt":${text(event.occurredAt.toISOString())}` +
    `,"path":${text(event.path)},"severity":${text(event.severity)},"statusCode":${text(event.statusCode)},"type":${text(event.type)}` +
    `,"userAgent":${text(event.userAgent)},"userId":${text(event.userId)}}`
  );
}

/** hash = sha256(prevHash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return hashLink(prevHash, canonicalEvent(event));
}

export function hashLink(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** The hashes of events (given as canonical text) appended after `prevHash`, in order. */
export function linkCanonical(prevHash: string, canonicals: readonly string[]): string[] {
  const hashes: string[] = [];
  let previous = prevHash;
  for (const canonical of canonicals) {
    previous = hashLink(previous, canonical);
    hashes.push(previous);
  }
  return hashes;
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
