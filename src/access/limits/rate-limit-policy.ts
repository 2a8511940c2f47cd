import { assertNever, type Principal } from '../principal.js';
import { ipSourceOf } from '../../common/ip-prefix.js';

export interface RateLimitPolicy {
  /** Whose budget this request spends: a key, a user or (signing in) an IP. */
  tracker: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  userPerHour: number;
  authPerMinute: number;
  /** The window of key and user limits: an hour, shorter only to test it. */
  windowSeconds: number;
}

const MINUTE_MS = 60_000;

/**
 * The budget a request draws on: a key's own hourly `rateLimit`; a signed-in user's
 * USER_RATE_LIMIT per hour; AUTH_RATE_LIMIT per minute per IP (an IPv6 client per /64) on the sign-in routes. Other
 * public routes (ping, health, docs) are not limited.
 */
export function rateLimitPolicy(principal: Principal | undefined, signInRoute: boolean, ip: string, settings: RateLimitSettings): RateLimitPolicy | null {
  const windowMs = settings.windowSeconds * 1000;
  if (principal) {
    switch (principal.authMethod) {
      case 'api_key':
        return { tracker: `key:${principal.apiKey.id}`, limit: principal.apiKey.rateLimit, windowMs };
      case 'jwt':
        return { tracker: `user:${principal.user.id}`, limit: settings.userPerHour, windowMs };
      case 'oauth':
        // Per grant (API.md §11): one app's traffic does not spend the user's own budget.
        return { tracker: `grant:${principal.grant.grantId}`, limit: settings.userPerHour, windowMs };
      default:
        return assertNever(principal);
    }
  }
  if (signInRoute) return { tracker: `ip:${ipSourceOf(ip)}`, limit: settings.authPerMinute, windowMs: MINUTE_MS };
  return null;
}
