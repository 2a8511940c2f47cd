import type { CallWorkspace } from '../../access/call-workspace.js';
import { hasPermission } from '../../access/permissions.js';
import type { ApiKeyPrincipal } from '../../access/principal.js';
import type { ErrorCode } from '../../common/errors/error-codes.js';
import type { VerifiableKey } from '../verification/api-key.records.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
}

/** POST /keys/verify's answer (API.md §12): always 200, `valid` with the key's facts, or the §1 code it would get. */
export interface Verdict {
  valid: boolean;
  code?: ErrorCode;
  keyId?: string;
  keyPrefix?: string;
  workspaceId?: string;
  owner?: { id: string; email: string; name: string };
  permissions?: string[];
  missing?: string[];
  rateLimit?: RateLimitState;
  /** The key's credits after this check (API.md §15), when it has any. */
  credits?: { remaining: number };
  /** The named limits this check counted in, after it. */
  limits?: NamedLimitState[];
  expiresAt?: Date | null;
  metadata?: Record<string, unknown>;
}

export interface NamedLimitState extends RateLimitState {
  name: string;
}

/** What the quota spend of a check came to: its figures, and the code if it refused. */
export interface QuotaState {
  credits?: { remaining: number };
  limits: NamedLimitState[];
  refusedWith?: Extract<ErrorCode, 'credits.exhausted' | 'rate_limit.exceeded'>;
}

export const refused = (code: ErrorCode): Verdict => ({ valid: false, code });

/** The permissions asked for that the key's effective permissions in its workspace do not grant. */
export const missingPermissions = (granted: readonly string[], wanted: readonly string[] = []): string[] => wanted.filter((permission) => !hasPermission(granted, permission));

/**
 * A key whose secret, status, owner and workspace all held: valid unless it lacks a permission
 * asked for or its own rate limit is spent — and then still described, since the caller proved
 * the right to verify keys of that workspace.
 */
export function verdictOf(
  principal: ApiKeyPrincipal,
  key: VerifiableKey,
  workspace: CallWorkspace,
  wanted: readonly string[] | undefined,
  rateLimit: RateLimitState,
  limited: boolean,
  quota?: QuotaState,
): Verdict {
  const missing = missingPermissions(workspace.permissions, wanted);
  const facts = {
    keyId: key.id,
    keyPrefix: key.keyPrefix,
    workspaceId: workspace.id,
    owner: { id: principal.user.id, email: principal.user.email, name: principal.user.name },
    permissions: workspace.permissions,
    rateLimit,
    ...(quota?.credits && { credits: quota.credits }),
    ...(quota?.limits.length && { limits: quota.limits }),
    expiresAt: key.expiresAt,
    metadata: key.metadata,
  };
  if (missing.length) return { valid: false, code: 'permission.denied', ...facts, missing };
  if (limited) return { valid: false, code: 'rate_limit.exceeded', ...facts };
  if (quota?.refusedWith) return { valid: false, code: quota.refusedWith, ...facts };
  return { valid: true, ...facts };
}
