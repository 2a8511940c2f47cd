import { isUuid } from '../common/uuid.js';

/** What an access token must carry; passport-jwt has checked the signature and, when present, `exp`. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  exp: number;
}

/**
 * The claims of a verified token, or null when they are not what this service issues: a token
 * without `exp` would never expire, and a `sub` or `sid` that is not a UUID names nobody (and
 * must never reach a uuid column).
 */
export function accessTokenClaims(payload: unknown): AccessTokenClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { sub, sid, exp } = payload as Record<string, unknown>;
  if (!isUuid(sub) || !isUuid(sid) || typeof exp !== 'number' || !Number.isFinite(exp)) return null;
  return { sub: sub.toLowerCase(), sid: sid.toLowerCase(), exp };
}
