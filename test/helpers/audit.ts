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
  path: string | null;
  statusCode: number | null;
  details: Record<string, any>;
}

/** Audit events of a type straight from the table (batched ones may take a flush to arrive). */
export async function auditEvents(app: TestApp, type: string, where: { userId?: string; apiKeyId?: string } = {}): Promise<StoredEvent[]> {
  const { rows } = await app.db.query<StoredEvent>(
    `SELECT id, type, severity, user_id AS "userId", api_key_id AS "apiKeyId", key_prefix AS "keyPrefix", ip, path,
            status_code AS "statusCode", details
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
