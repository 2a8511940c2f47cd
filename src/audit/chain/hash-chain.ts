import { createHash, hash } from 'node:crypto';

/** The genesis link of the instance chain: its first event follows 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The instance chain (sign-ins, user changes…): the nil UUID. A workspace's chain will be its id. */
export const INSTANCE_CHAIN = '00000000-0000-0000-0000-000000000000';

/**
 * Where a chain starts. The instance chain starts at 64 zeros, as it always did; any other chain
 * at a hash of its own id, so a chain's rows relabelled as another (empty) chain do not verify
 * there: the chain identity is covered without entering every event's canonical text.
 */
export function genesisOf(chainId: string): string {
  return chainId === INSTANCE_CHAIN ? GENESIS_HASH : createHash('sha256').update(`keyward-audit-chain:${chainId}`).digest('hex');
}

/**
 * The fields of an event that its hash covers: everything a reviewer reads. `chainId` says which
 * chain it extends (absent: the instance chain); it is not part of the canonical text.
 */
export interface ChainedEvent {
  chainId?: string;
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
  if (isSortedFlatRecord(record)) return JSON.stringify(record);
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

/**
 * A record JSON.stringify already writes canonically: own keys in sorted order, values that are
 * not containers (the details of almost every event, `{ latencyMs, transport }`). One native call
 * instead of a sort and a call per key.
 */
function isSortedFlatRecord(record: Record<string, unknown>): boolean {
  let previous: string | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key) || (previous !== undefined && previous >= key)) return false;
    const item = record[key];
    if (item !== null && typeof item === 'object') return false;
    previous = key;
  }
  return true;
}

/** What JSON.stringify escapes in a string (quote, backslash, control characters, lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify's text for a field, without its cost for the usual string that needs no escaping (verify runs this for every event). */
const text = (value: string | number | null) => (typeof value === 'string' && !NEEDS_ESCAPING.test(value) ? `"${value}"` : JSON.stringify(value));

/** Events of one batch mostly share their millisecond: its ISO text is worked out once. */
let lastInstant = { ms: Number.NaN, iso: '' };
function isoOf(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastInstant.ms) lastInstant = { ms, iso: date.toISOString() };
  return lastInstant.iso;
}

/**
 * Version 1: canonicalJson of the event's fields, written out in their sorted order: the same
 * text, without sorting and allocating for every event.
 */
function canonicalV1(event: ChainedEvent): string {
  return canonicalV1Text(event, isoOf(event.occurredAt));
}

/** Version 1's text of an event whose time is given as its ISO text (toISOString's form). */
function canonicalV1Text(event: Omit<ChainedEvent, 'occurredAt'>, occurredAt: string): string {
  return (
    `{"apiKeyId":${text(event.apiKeyId)},"details":${canonicalJson(event.details)},"id":${text(event.id)},"ip":${text(event.ip)}` +
    `,"keyPrefix":${text(event.keyPrefix)},"method":${text(event.method)},"occurredAt":${text(occurredAt)}` +
    `,"path":${text(event.path)},"severity":${text(event.severity)},"statusCode":${text(event.statusCode)},"type":${text(event.type)}` +
    `,"userAgent":${text(event.userAgent)},"userId":${text(event.userId)}}`
  );
}

/**
 * Every canonical form a stored row may have been hashed under, by the version stored with it.
 * A form is never changed once rows use it: a field added to what the hash covers is a new
 * version here (and CANONICAL_VERSION moves to it), and older rows keep verifying under theirs.
 */
const CANONICAL_FORMS: Readonly<Record<number, (event: ChainedEvent) => string>> = { 1: canonicalV1 };

/** The version new events are written with. */
export const CANONICAL_VERSION = 1;

export class UnknownCanonicalVersion extends Error {
  constructor(readonly version: number) {
    super(`unknown canonical version ${version}`);
  }
}

export function isKnownCanonicalVersion(version: number): boolean {
  return Object.hasOwn(CANONICAL_FORMS, version);
}

/** The event's text under canonical form `version` (the current one unless said). */
export function canonicalEvent(event: ChainedEvent, version: number = CANONICAL_VERSION): string {
  if (!isKnownCanonicalVersion(version)) throw new UnknownCanonicalVersion(version);
  return CANONICAL_FORMS[version](event);
}

/** hash = sha256(prevHash ‖ canonical JSON of the event), hex. */
export function chainHash(prevHash: string, event: ChainedEvent, version: number = CANONICAL_VERSION): string {
  return hashLink(prevHash, canonicalEvent(event, version));
}

/** One-shot: the same bytes as update(prevHash).update(canonical), without a Hash object per event. */
export function hashLink(prevHash: string, canonical: string): string {
  // One-shot: the same digest as update(prevHash).update(canonical), without a Hash object per event.
  return hash('sha256', prevHash + canonical, 'hex');
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

/** Links `events` after `prevHash`, in order, under the current canonical form. */
export function linkEvents<T extends ChainedEvent>(prevHash: string, events: T[]): Array<T & { canonicalVersion: number; prevHash: string; hash: string }> {
  let previous = prevHash;
  return events.map((event) => {
    const hash = chainHash(previous, event);
    const linked = { ...event, canonicalVersion: CANONICAL_VERSION, prevHash: previous, hash };
    previous = hash;
    return linked;
  });
}

export interface StoredLink extends ChainedEvent {
  canonicalVersion: number;
  prevHash: string;
  hash: string;
}

/**
 * Checks one stored event against the hash before it, under the canonical form it was written
 * with. Returns the event's hash to carry on, or null when the event was altered, the chain
 * broken, or its version is one this code does not know (never accepted unchecked).
 */
export function verifyLink(expectedPrev: string, stored: StoredLink): string | null {
  if (stored.prevHash !== expectedPrev || !isKnownCanonicalVersion(stored.canonicalVersion)) return null;
  return chainHash(expectedPrev, stored, stored.canonicalVersion) === stored.hash ? stored.hash : null;
}

/** A stored event read with its time as ISO text (what verification reads: no Date to build per row). */
export type StoredRow = Omit<StoredLink, 'occurredAt'> & { occurredAt: string };

/**
 * verifyLink for a row read with its time as text: a version 1 row is hashed from that text as it
 * is; a row of any other version is checked by verifyLink, through a Date.
 */
export function verifyRow(expectedPrev: string, row: StoredRow): string | null {
  if (row.canonicalVersion !== 1) return verifyLink(expectedPrev, { ...row, occurredAt: new Date(row.occurredAt) });
  if (row.prevHash !== expectedPrev) return null;
  return hashLink(expectedPrev, canonicalV1Text(row, row.occurredAt)) === row.hash ? row.hash : null;
}
