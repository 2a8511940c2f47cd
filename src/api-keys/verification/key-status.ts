import type { ErrorCode } from '../../common/errors/error-codes.js';
import { ipAllowed, type IpRange } from '../../common/ip-ranges.js';

export const KEY_STATUSES = ['active', 'disabled', 'expired', 'pending', 'revoked'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export interface KeyLifecycle {
  active: boolean;
  validFrom: Date | null;
  expiresAt: Date | null;
  /** May lie in the future: a rotated key keeps working until its grace period ends. */
  revokedAt: Date | null;
}

/** The first that holds of revoked, disabled, expired, pending, active. */
export function keyStatus(key: KeyLifecycle, now: Date): KeyStatus {
  const t = now.getTime();
  if (key.revokedAt && key.revokedAt.getTime() <= t) return 'revoked';
  if (!key.active) return 'disabled';
  if (key.expiresAt && key.expiresAt.getTime() <= t) return 'expired';
  if (key.validFrom && key.validFrom.getTime() > t) return 'pending';
  return 'active';
}

const STATUS_ERRORS: Record<Exclude<KeyStatus, 'active'>, ErrorCode> = {
  revoked: 'api_key.revoked',
  disabled: 'api_key.disabled',
  expired: 'api_key.expired',
  pending: 'api_key.not_yet_valid',
};

export interface KeyUseCheck extends KeyLifecycle {
  allowedIps: readonly IpRange[];
}

export type KeyRefusal = { code: ErrorCode; reason: string };

/**
 * What stops a key whose secret has already been proven: its own status, then its owner, then
 * the client IP. Null when the key may be used.
 */
export function refuseKeyUse(key: KeyUseCheck, ownerActive: boolean, now: Date, clientIp: string): KeyRefusal | null {
  const status = keyStatus(key, now);
  if (status !== 'active') return { code: STATUS_ERRORS[status], reason: status === 'pending' ? 'not_yet_valid' : status };
  if (!ownerActive) return { code: 'user.disabled', reason: 'user_disabled' };
  if (!ipAllowed(key.allowedIps, clientIp)) return { code: 'api_key.ip_not_allowed', reason: 'ip_not_allowed' };
  return null;
}
