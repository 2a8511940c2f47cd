import { expect } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { INSTANCE_CHAIN } from '../../src/audit/chain/hash-chain.js';
import type { TestApp } from './app.js';
import { eventually } from './factories.js';

export interface StoredEvent {
  id: string;
  type: string;
  severity: string;
  userId: string | null;
  apiKeyId: string | null;
  keyPrefix: string | null;
  ip: string | null;
  userAgent: string | null;
  path: string | null;
  statusCode: number | null;
  details: Record<string, any>;
  /** The workspace whose chain holds it; null: the instance chain. */
  workspaceId: string | null;
}

/** Audit events of a type straight from the table (batched ones may take a flush to arrive). */
export async function auditEvents(app: TestApp, type: string, where: { userId?: string; apiKeyId?: string } = {}): Promise<StoredEvent[]> {
  const { rows } = await app.db.query<StoredEvent>(
    `SELECT id, type, severity, user_id AS "userId", api_key_id AS "apiKeyId", key_prefix AS "keyPrefix", ip, user_agent AS "userAgent",
            path, status_code AS "statusCode", details, workspace_id AS "workspaceId"
     FROM audit_events
     WHERE type = $1 AND ($2::uuid IS NULL OR user_id = $2) AND ($3::uuid IS NULL OR api_key_id = $3)
     ORDER BY seq`,
    [type, where.userId ?? null, where.apiKeyId ?? null],
  );
  return rows;
}

/** Waits for at least `count` events of a type (and matching `matches`) to be written. */
export function awaitAuditEvents(
  app: TestApp,
  type: string,
  where: { userId?: string; apiKeyId?: string } = {},
  count = 1,
  matches: (event: StoredEvent) => boolean = () => true,
): Promise<StoredEvent[]> {
  return eventually(async () => {
    const events = (await auditEvents(app, type, where)).filter(matches);
    if (events.length < count) throw new Error(`expected ${count} ${type} event(s), found ${events.length}`);
    return events;
  });
}

/** An address in 198.18.0.0/15 (reserved for tests) that no other test uses: its own brute-force count. */
export function uniqueTestIp(): string {
  const [a, b, c] = randomBytes(3);
  return `198.${18 + (a % 2)}.${b}.${1 + (c % 254)}`;
}

/**
 * Records a security event and waits until it is stored. The writer stores security events in
 * the order they were recorded (api_key.used is queued apart), so once this one is in the table,
 * every security event recorded before it is too — with in-memory counters, a detector's output
 * for an earlier request included: a negative check can follow at once.
 * Needs TRUST_PROXY for its address to count apart from 127.0.0.1's failures.
 */
export async function auditBarrier(app: TestApp): Promise<void> {
  const marker = `audit-barrier-${randomBytes(6).toString('hex')}`;
  await app.api.get('/auth/me', { apiKey: 'kw_barrier', headers: { 'user-agent': marker, 'x-forwarded-for': uniqueTestIp() } });
  await awaitAuditEvents(app, 'api_key.auth_failed', {}, 1, (event) => event.userAgent === marker);
}

/** The seq range a full verify of a chain reports (`from`, `to`): its first and last event, as the owner sees them. */
export async function chainRange(db: Pool, chainId: string = INSTANCE_CHAIN): Promise<{ from: number | null; to: number | null }> {
  const { rows } = await db.query<{ from: number | null; to: number | null }>(
    'SELECT min(seq)::float8 AS "from", max(seq)::float8 AS "to" FROM audit_events WHERE chain_id = $1',
    [chainId],
  );
  return rows[0];
}

/** A verify answer's range when any events were checked: whatever seqs they had. */
export const anyRange = { from: expect.any(Number), to: expect.any(Number) };
