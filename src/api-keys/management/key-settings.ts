import { AppError } from '../../common/errors/app-error.js';
import { instanceOnly } from '../../access/administration.js';
import { normalizePermissions, scopesNotHeld } from '../../access/permissions.js';
import type { ApiKey } from '../api-key.entity.js';

/** Settings as a request states them (create or patch): dates still as text. */
export interface RequestedSettings {
  name?: string;
  description?: string;
  scopes?: string[];
  expiresAt?: string | null;
  validFrom?: string | null;
  rateLimit?: number;
  allowedIps?: string[];
  metadata?: Record<string, unknown>;
  active?: boolean;
}

export interface SettingRules {
  ownerPermissions: readonly string[];
  maxRateLimit: number;
  now: Date;
}

export type KeySettings = Partial<Pick<ApiKey, 'name' | 'description' | 'scopes' | 'expiresAt' | 'validFrom' | 'rateLimit' | 'allowedIps' | 'metadata' | 'active'>>;

const invalid = (field: string, message: string) => new AppError('validation.failed', undefined, [{ field, message }]);

function toDate(value: string | null | undefined): Date | null | undefined {
  return value === undefined || value === null ? value : new Date(value);
}

/**
 * Checks what a request asks of a key against the rules no decorator can know: the owner's
 * permissions, the configured maximum rate, the clock. Returns the columns to store.
 */
export function resolveSettings(requested: RequestedSettings, rules: SettingRules): KeySettings {
  const settings: KeySettings = {};
  if (requested.name !== undefined) settings.name = requested.name;
  if (requested.description !== undefined) settings.description = requested.description;
  if (requested.active !== undefined) settings.active = requested.active;
  if (requested.allowedIps !== undefined) settings.allowedIps = [...new Set(requested.allowedIps.map((ip) => ip.trim()))];
  if (requested.metadata !== undefined) settings.metadata = requested.metadata;

  if (requested.scopes !== undefined) {
    if (requested.scopes.length === 0) throw invalid('scopes', 'scopes must not be empty; use ["*"] for everything you have');
    // A key acts in a workspace: instance administration is never among its scopes, whatever its owner holds.
    const refused = new Set([...instanceOnly(requested.scopes), ...scopesNotHeld(rules.ownerPermissions, requested.scopes)]);
    const beyond = requested.scopes.filter((scope) => refused.has(scope));
    if (beyond.length) throw new AppError('permission.denied', 'A key cannot have scopes its owner does not hold', beyond.map((required) => ({ required })));
    settings.scopes = normalizePermissions(requested.scopes);
  }
  if (requested.rateLimit !== undefined) {
    if (requested.rateLimit > rules.maxRateLimit) throw invalid('rateLimit', `rateLimit must not be greater than ${rules.maxRateLimit}`);
    settings.rateLimit = requested.rateLimit;
  }
  const expiresAt = toDate(requested.expiresAt);
  if (expiresAt !== undefined) {
    if (expiresAt && expiresAt.getTime() <= rules.now.getTime()) throw invalid('expiresAt', 'expiresAt must be in the future');
    settings.expiresAt = expiresAt;
  }
  const validFrom = toDate(requested.validFrom);
  if (validFrom !== undefined) settings.validFrom = validFrom;
  return settings;
}

/** validFrom must come before expiresAt, whichever of the two a request changed. */
export function assertWindow(validFrom: Date | null, expiresAt: Date | null): void {
  if (validFrom && expiresAt && validFrom.getTime() >= expiresAt.getTime()) throw invalid('validFrom', 'validFrom must be before expiresAt');
}
