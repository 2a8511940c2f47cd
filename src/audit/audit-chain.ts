import { uuidv7 } from '../common/uuid7.js';
import { severityOf } from './audit-event-types.js';
import type { AuditEventInput } from './audit-event.input.js';
import { GENESIS_HASH, linkEvents, type ChainedEvent } from './hash-chain.js';

/** Any fixed number: every appender, on every instance, takes this lock to extend the one chain. */
export const AUDIT_CHAIN_LOCK = 7_340_002;

/** Runs SQL on the caller's connection: a QueryRunner's or an EntityManager's `query`. */
export type Query = (sql: string, parameters?: unknown[]) => Promise<any>;

// PostgreSQL text cannot hold NUL; everything else, CR/LF included, is kept as data.
const stripNul = (value: string) => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

function cleanText(value: string | null | undefined, max: number): string | null {
  return value == null ? null : stripNul(value).slice(0, max);
}

/** Details as jsonb will hand them back: plain JSON, NUL-free. */
function cleanDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  return JSON.parse(JSON.stringify(details, (_key, value: unknown) => (typeof value === 'string' ? stripNul(value) : value))) as Record<
    string,
    unknown
  >;
}

export function toChainedEvent(input: AuditEventInput): ChainedEvent {
  return {
    id: uuidv7(),
    occurredAt: new Date(Math.floor((input.occurredAt ?? new Date()).getTime())),
    type: input.type,
    severity: input.severity ?? severityOf(input.type),
    userId: input.userId ?? null,
    apiKeyId: input.apiKeyId ?? null,
    keyPrefix: cleanText(input.keyPrefix, 32),
    ip: cleanText(input.ip, 64),
    userAgent: cleanText(input.userAgent, 500),
    method: cleanText(input.method, 10),
    path: cleanText(input.path, 1000),
    statusCode: input.statusCode ?? null,
    details: cleanDetails(input.details),
  };
}

const INSERT_SQL = `
  INSERT INTO audit_events
    (id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details, prev_hash, hash)
  SELECT id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path, status_code, details, prev_hash, hash
  FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::uuid[], $6::uuid[], $7::varchar[], $8::varchar[],
              $9::varchar[], $10::varchar[], $11::varchar[], $12::smallint[], $13::jsonb[], $14::char(64)[], $15::char(64)[])
       WITH ORDINALITY AS e(id, occurred_at, type, severity, user_id, api_key_id, key_prefix, ip, user_agent, method, path,
                            status_code, details, prev_hash, hash, ord)
  ORDER BY ord`;

const LAST_HASH_SQL = `
  SELECT coalesce(
    (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1),
    (SELECT last_hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1)
  ) AS hash`;

/**
 * Appends events to the chain. Must run inside a transaction: the advisory lock it takes is
 * released at commit, so appenders on every instance extend one unbroken line.
 */
export async function appendToChain(query: Query, events: ChainedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [{ hash: last }] = (await query(LAST_HASH_SQL)) as Array<{ hash: string | null }>;
  const linked = linkEvents(last ?? GENESIS_HASH, events);
  const column = <K extends keyof (typeof linked)[number]>(key: K) => linked.map((event) => event[key]);
  await query(INSERT_SQL, [
    column('id'),
    linked.map((event) => event.occurredAt.toISOString()),
    column('type'),
    column('severity'),
    column('userId'),
    column('apiKeyId'),
    column('keyPrefix'),
    column('ip'),
    column('userAgent'),
    column('method'),
    column('path'),
    column('statusCode'),
    linked.map((event) => JSON.stringify(event.details)),
    column('prevHash'),
    column('hash'),
  ]);
}
