import type { KeyStatus } from '../verification/key-status.js';

const REVOKED = '(k.revoked_at IS NOT NULL AND k.revoked_at <= now())';
const NOT_REVOKED = `NOT ${REVOKED}`;
const EXPIRED = '(k.expires_at IS NOT NULL AND k.expires_at <= now())';
const PENDING = '(k.valid_from IS NOT NULL AND k.valid_from > now())';

/** keyStatus() as SQL over alias `k`: the first that holds of revoked, disabled, expired, pending, active. */
export const STATUS_CONDITIONS: Record<KeyStatus, string> = {
  revoked: REVOKED,
  disabled: `${NOT_REVOKED} AND NOT k.active`,
  expired: `${NOT_REVOKED} AND k.active AND ${EXPIRED}`,
  pending: `${NOT_REVOKED} AND k.active AND NOT ${EXPIRED} AND ${PENDING}`,
  active: `${NOT_REVOKED} AND k.active AND NOT ${EXPIRED} AND NOT ${PENDING}`,
};
