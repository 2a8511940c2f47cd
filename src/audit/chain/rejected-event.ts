import { isUuid } from '../../common/uuid.js';
import type { Refusal } from '../../database/write-isolating.js';
import { toChainedEvent } from './audit-chain.js';
import type { ChainedEvent } from './hash-chain.js';

const isSmallint = (value: unknown) => Number.isInteger(value) && Math.abs(value as number) <= 32_767;

/**
 * What is written in place of an event PostgreSQL refused: `audit.event_rejected`, naming the
 * original's type and id and why it was refused, with its fields made storable (anything that
 * cannot fill its column moves to details as text). Critical when the original was, a warning
 * otherwise. `withDetails: false` leaves the original details out, for when even they are refused.
 */
export function rejectedEvent(event: ChainedEvent, refusal: Refusal, withDetails = true): ChainedEvent {
  const unstorable: Record<string, string> = {};
  const keep = <T>(field: string, value: T, fits: boolean): T | null => {
    if (value == null || fits) return value ?? null;
    unstorable[field] = String(value).slice(0, 100);
    return null;
  };
  return toChainedEvent({
    chainId: keep('chainId', event.chainId, isUuid(event.chainId)) ?? undefined,
    type: 'audit.event_rejected',
    severity: event.severity === 'critical' ? 'critical' : 'warning',
    occurredAt: event.occurredAt,
    userId: keep('userId', event.userId, isUuid(event.userId)),
    apiKeyId: keep('apiKeyId', event.apiKeyId, isUuid(event.apiKeyId)),
    keyPrefix: event.keyPrefix,
    ip: event.ip,
    userAgent: event.userAgent,
    method: event.method,
    path: event.path,
    statusCode: keep('statusCode', event.statusCode, isSmallint(event.statusCode)),
    details: {
      rejectedType: String(event.type).slice(0, 64),
      rejectedId: String(event.id),
      reason: { code: refusal.code, message: refusal.message },
      ...(Object.keys(unstorable).length ? { unstorable } : {}),
      ...(withDetails ? { details: event.details } : { detailsOmitted: true }),
    },
  });
}
