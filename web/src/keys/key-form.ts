import type { ApiKey, KeySettings } from '../api/types';
import { parseAllowlist } from '../lib/ip-allowlist';
import { parseMetadata } from '../lib/metadata-json';
import { limitRowsFrom, sameLimits, validateLimitRows, type LimitField, type LimitListErrors, type LimitRow } from '../limits/limit-rows';
import { creditsFormFrom, emptyCreditsForm, validateCreditsForm, type CreditsErrors, type CreditsField, type CreditsFormValues } from './credits-form';
import { expiryToIso, isoToLocalDateTime, localDateTimeToIso, type ExpiryChoice } from './expiry';

/** What the create/edit dialog holds: every input as the user typed it. */
export interface KeyFormValues {
  name: string;
  description: string;
  allScopes: boolean;
  scopes: string[];
  expiry: ExpiryChoice;
  expiryDate: string;
  validFrom: string;
  rateLimit: string;
  allowedIps: string;
  metadata: string;
  credits: CreditsFormValues;
  limits: LimitRow[];
}

/** The fields that are one input each (credits and limits are groups of them). */
export type KeyFormField = Exclude<keyof KeyFormValues, 'credits' | 'limits'>;

/** What a blur can mark as visited: a field, one credits input, or one input of a limit row (by its id). */
export type KeyFormTouch = KeyFormField | `credits.${CreditsField}` | `limits.${number}.${LimitField}`;

export type KeyFormErrors = Partial<Record<KeyFormField, string[]>> & { credits?: CreditsErrors; limits?: LimitListErrors };

// The server's defaults (DEFAULT_RATE_LIMIT, MAX_RATE_LIMIT); it stays the judge if they were changed.
export const DEFAULT_RATE_LIMIT = 1000;
export const MAX_RATE_LIMIT = 10_000;
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 500;

export function emptyKeyForm(): KeyFormValues {
  return {
    name: '', description: '', allScopes: false, scopes: [], expiry: 'never', expiryDate: '', validFrom: '', rateLimit: '', allowedIps: '', metadata: '',
    credits: emptyCreditsForm(), limits: [],
  };
}

/** The edit form starts from the key as it is; expiry stays untouched unless the user picks another. */
export function keyFormFromKey(key: ApiKey): KeyFormValues {
  return {
    name: key.name,
    description: key.description,
    allScopes: key.scopes.includes('*'),
    scopes: key.scopes.filter((scope) => scope !== '*'),
    expiry: 'keep',
    expiryDate: '',
    validFrom: isoToLocalDateTime(key.validFrom),
    rateLimit: String(key.rateLimit),
    allowedIps: key.allowedIps.join('\n'),
    metadata: Object.keys(key.metadata).length > 0 ? JSON.stringify(key.metadata, null, 2) : '',
    credits: creditsFormFrom(key.credits),
    limits: limitRowsFrom(key.limits),
  };
}

export type KeyFormResult = { ok: true; settings: KeySettings } | { ok: false; errors: KeyFormErrors };

/**
 * Checks the form and builds the request body. With `initial` (editing), only the fields the
 * user changed are sent, and a cleared field is sent as cleared.
 */
export function validateKeyForm(values: KeyFormValues, now: Date, initial?: KeyFormValues): KeyFormResult {
  const errors: KeyFormErrors = {};
  const settings: KeySettings = {};
  const changed = (field: keyof KeyFormValues) => !initial || JSON.stringify(values[field]) !== JSON.stringify(initial[field]);
  const fail = (field: KeyFormField, ...messages: string[]) => (errors[field] = messages);

  const name = values.name.trim();
  if (name === '') fail('name', 'Give the key a name');
  else if (name.length > MAX_NAME_LENGTH) fail('name', `The name can be at most ${MAX_NAME_LENGTH} characters`);
  else if (changed('name')) settings.name = name;

  const description = values.description.trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) fail('description', `The description can be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  else if (initial ? changed('description') : description !== '') settings.description = description;

  if (!values.allScopes && values.scopes.length === 0) fail('scopes', 'Choose at least one scope, or “Everything I have”');
  else if (changed('allScopes') || changed('scopes')) settings.scopes = values.allScopes ? ['*'] : [...values.scopes].sort();

  const expiry = expiryToIso(values.expiry, values.expiryDate, now);
  if (!expiry.ok) fail('expiryDate', expiry.error);
  else if (expiry.value !== undefined && (initial || expiry.value !== null)) settings.expiresAt = expiry.value;

  const validFrom = localDateTimeToIso(values.validFrom);
  if (validFrom === null) fail('validFrom', 'Enter a valid date and time');
  else if (validFrom && expiry.ok && expiry.value && validFrom >= expiry.value) fail('validFrom', 'The key must become valid before it expires');
  else if (changed('validFrom') && (initial || validFrom)) settings.validFrom = validFrom ?? null;

  const rateLimit = values.rateLimit.trim();
  if (rateLimit === '' && initial) fail('rateLimit', 'Enter a rate limit');
  else if (rateLimit !== '' && (!/^\d+$/.test(rateLimit) || Number(rateLimit) < 1 || Number(rateLimit) > MAX_RATE_LIMIT)) {
    fail('rateLimit', `Enter a whole number from 1 to ${MAX_RATE_LIMIT.toLocaleString('en')}`);
  } else if (rateLimit !== '' && changed('rateLimit')) settings.rateLimit = Number(rateLimit);

  const allowlist = parseAllowlist(values.allowedIps);
  if (allowlist.problems.length > 0) fail('allowedIps', ...allowlist.problems.map((p) => p.message));
  else if (initial ? changed('allowedIps') : allowlist.entries.length > 0) settings.allowedIps = allowlist.entries;

  const metadata = parseMetadata(values.metadata);
  if (!metadata.ok) fail('metadata', metadata.error);
  else if (initial ? changed('metadata') : metadata.value) settings.metadata = metadata.value ?? {};

  const credits = validateCreditsForm(values.credits, initial?.credits);
  if (!credits.ok) errors.credits = credits.errors;
  else if (credits.credits !== undefined) settings.credits = credits.credits;

  // The whole list is sent, or nothing: an edit that leaves the limits as they were sends none.
  const limits = validateLimitRows(values.limits);
  const before = initial ? validateLimitRows(initial.limits) : null;
  if (!limits.ok) errors.limits = limits.errors;
  else if (before ? !(before.ok && sameLimits(limits.limits, before.limits)) : limits.limits.length > 0) settings.limits = limits.limits;

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}
