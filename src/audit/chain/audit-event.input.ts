import type { AuditEventType, Severity } from './audit-event-types.js';

/** What a caller hands the audit log; id, time, severity default and hash are filled in for it. */
export interface AuditEventInput {
  /** The chain the event extends (a uuid); the instance chain unless said. */
  chainId?: string;
  type: AuditEventType;
  severity?: Severity;
  occurredAt?: Date;
  userId?: string | null;
  apiKeyId?: string | null;
  keyPrefix?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  method?: string | null;
  path?: string | null;
  statusCode?: number | null;
  details?: Record<string, unknown>;
}
