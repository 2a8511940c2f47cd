import { namedLimitsOf, type NamedLimitDto } from '../../access/limits/quota.dto.js';
import { checkedLimits } from '../../access/limits/named-limits.js';
import type { NamedLimit } from '../../access/limits/quota.js';
import { firstRefillAt, parseRefillInterval } from '../../access/limits/refill-interval.js';
import { AppError } from '../../common/errors/app-error.js';
import type { ApiKey, StoredRefill } from '../api-key.entity.js';
import type { CreditsDto } from './api-keys.dto.js';

/** How the live credit figure (the counter store's) must follow a change made in the database. */
export type CreditsChange = { kind: 'set'; remaining: number } | { kind: 'delta'; delta: number } | { kind: 'clear' };

export type QuotaColumns = Partial<Pick<ApiKey, 'creditsRemaining' | 'creditsRefill' | 'creditsNextRefillAt' | 'limits'>>;

export interface QuotaSettings {
  columns: QuotaColumns;
  credits?: CreditsChange;
}

const invalid = (field: string, message: string) => new AppError('validation.failed', undefined, [{ field, message }]);

function refillOf(refill: CreditsDto['refill'], now: Date): Pick<QuotaColumns, 'creditsRefill' | 'creditsNextRefillAt'> {
  if (refill === undefined) return {};
  if (refill === null) return { creditsRefill: null, creditsNextRefillAt: null };
  if (!parseRefillInterval(refill.interval)) throw invalid('credits.refill.interval', 'interval must be hour, day, week, month or an ISO-8601 duration of at least a minute (PT15M, P1D)');
  const stored: StoredRefill = { amount: refill.amount, interval: refill.interval, mode: refill.mode, anchor: now.toISOString() };
  return { creditsRefill: stored, creditsNextRefillAt: firstRefillAt(refill.interval, now) };
}

/**
 * What a create (`existing` null) or PATCH asks of a key's credits and named limits (API.md §15),
 * checked: the columns to store and how the live credit figure must follow. `{increment}` and
 * `{decrement}` stand alone and only on a key that has credits; `remaining` starts them.
 */
export function resolveQuotaSettings(credits: CreditsDto | null | undefined, limits: NamedLimitDto[] | undefined, existing: Pick<ApiKey, 'creditsRemaining'> | null, now: Date): QuotaSettings {
  const settings: QuotaSettings = { columns: {} };
  if (limits !== undefined) settings.columns.limits = checkedLimits(namedLimitsOf(limits)) satisfies NamedLimit[];
  if (credits === undefined) return settings;
  if (credits === null) {
    settings.columns = { ...settings.columns, creditsRemaining: null, creditsRefill: null, creditsNextRefillAt: null };
    settings.credits = { kind: 'clear' };
    return settings;
  }
  const delta = credits.increment ?? (credits.decrement === undefined ? undefined : -credits.decrement);
  if (delta !== undefined) {
    if (!existing) throw invalid('credits', 'increment and decrement change an existing key’s credits; give remaining to create one with credits');
    if (credits.increment !== undefined && credits.decrement !== undefined) throw invalid('credits', 'give increment or decrement, not both');
    if (credits.remaining !== undefined || credits.refill !== undefined) throw invalid('credits', 'increment and decrement stand alone: change remaining or refill in another request');
    if (existing.creditsRemaining === null) throw invalid('credits', 'this key has no credits to change; set remaining first');
    settings.credits = { kind: 'delta', delta };
    return settings;
  }
  const hasCredits = existing?.creditsRemaining !== null && existing?.creditsRemaining !== undefined;
  if (credits.remaining === undefined && !hasCredits) throw invalid('credits.remaining', 'remaining is required to give a key credits');
  settings.columns = { ...settings.columns, ...refillOf(credits.refill, now) };
  if (credits.remaining !== undefined) {
    settings.columns.creditsRemaining = credits.remaining;
    settings.credits = { kind: 'set', remaining: credits.remaining };
  }
  return settings;
}
