import type { CreditsChange, KeyCredits } from '../api/types';
import { isNamedInterval, normalizeInterval, refillIntervalProblem, type NamedInterval } from './refill-interval';

/** The credits part of the key form, as typed. */
export interface CreditsFormValues {
  /** The key counts its uses down; unticked on a key that has credits, saving removes them. */
  enabled: boolean;
  remaining: string;
  refill: boolean;
  amount: string;
  interval: NamedInterval | 'custom';
  /** An ISO-8601 duration, when `interval` is 'custom'. */
  customInterval: string;
  mode: 'reset' | 'add';
}

export type CreditsField = 'remaining' | 'amount' | 'customInterval';

export type CreditsErrors = Partial<Record<CreditsField, string>>;

/** `credits` to send: an object, null (remove them) or undefined (nothing to change). */
export type CreditsFormResult = { ok: true; credits: CreditsChange | null | undefined } | { ok: false; errors: CreditsErrors };

/** The server's bound on remaining, amount, increment and decrement. */
export const MAX_CREDITS = 1_000_000_000_000;

export function emptyCreditsForm(): CreditsFormValues {
  return { enabled: false, remaining: '', refill: false, amount: '', interval: 'month', customInterval: '', mode: 'reset' };
}

export function creditsFormFrom(credits: KeyCredits | null): CreditsFormValues {
  if (!credits) return emptyCreditsForm();
  const { refill } = credits;
  const named = refill && isNamedInterval(refill.interval);
  return {
    enabled: true,
    remaining: String(credits.remaining),
    refill: refill !== null,
    amount: refill ? String(refill.amount) : '',
    interval: refill && !named ? 'custom' : ((refill?.interval as NamedInterval | undefined) ?? 'month'),
    customInterval: refill && !named ? refill.interval : '',
    mode: refill?.mode ?? 'reset',
  };
}

/** A whole number of credits from `min` to MAX_CREDITS, or why not. */
export function creditCount(text: string, min: number): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (value >= min && value <= MAX_CREDITS) return { ok: true, value };
  return { ok: false, error: `Enter a whole number from ${min} to ${MAX_CREDITS.toLocaleString('en')}` };
}

type Refill = NonNullable<CreditsChange['refill']>;

function refillOf(values: CreditsFormValues, errors: CreditsErrors): Refill | null {
  if (!values.refill) return null;
  const amount = creditCount(values.amount, 1);
  if (!amount.ok) errors.amount = amount.error;
  const problem = values.interval === 'custom' ? refillIntervalProblem(values.customInterval) : null;
  if (problem) errors.customInterval = problem;
  const interval = values.interval === 'custom' ? normalizeInterval(values.customInterval) : values.interval;
  return amount.ok ? { amount: amount.value, interval, mode: values.mode } : null;
}

/**
 * Checks the credits part and builds what to send. With `initial` (editing), only what changed:
 * `remaining` when it was retyped, `refill` when the schedule changed (setting one restarts it
 * from now, so an unchanged one is never resent), null when the credits were removed.
 */
export function validateCreditsForm(values: CreditsFormValues, initial?: CreditsFormValues): CreditsFormResult {
  if (!values.enabled) return { ok: true, credits: initial?.enabled ? null : undefined };
  const errors: CreditsErrors = {};
  const remaining = creditCount(values.remaining, 0);
  if (!remaining.ok) errors.remaining = values.remaining.trim() === '' ? 'Enter how many credits the key has' : remaining.error;
  const refill = refillOf(values, errors);
  if (Object.keys(errors).length > 0 || !remaining.ok) return { ok: false, errors };

  if (!initial?.enabled) return { ok: true, credits: refill ? { remaining: remaining.value, refill } : { remaining: remaining.value } };
  const credits: CreditsChange = {};
  if (remaining.value !== Number(initial.remaining)) credits.remaining = remaining.value;
  const before = refillOf(initial, {});
  if (JSON.stringify(refill) !== JSON.stringify(before)) credits.refill = refill;
  return { ok: true, credits: Object.keys(credits).length > 0 ? credits : undefined };
}
