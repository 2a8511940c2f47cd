import { useState } from 'react';
import type { KeySettings } from '../api/types';
import type { LimitListErrors } from '../limits/limit-rows';
import type { CreditsErrors } from './credits-form';
import { validateKeyForm, type KeyFormErrors, type KeyFormField, type KeyFormTouch, type KeyFormValues } from './key-form';

// Typed-in lists are checked as you type; other fields once you leave them (or submit).
const LIVE_FIELDS: KeyFormTouch[] = ['allowedIps', 'metadata', 'scopes'];

export interface KeyFormState {
  values: KeyFormValues;
  errors: KeyFormErrors;
  setValues(values: KeyFormValues): void;
  touch(field: KeyFormTouch): void;
  /** Shows every error; returns the request body when the form is valid. */
  submit(): KeySettings | null;
}

export function useKeyForm(start: KeyFormValues, editing: boolean): KeyFormState {
  const [values, setValues] = useState(start);
  const [touched, setTouched] = useState<ReadonlySet<KeyFormTouch>>(new Set(LIVE_FIELDS));
  const [submitted, setSubmitted] = useState(false);
  const result = validateKeyForm(values, new Date(), editing ? start : undefined);
  const shown = (field: KeyFormTouch) => submitted || touched.has(field);

  const errors: KeyFormErrors = {};
  if (!result.ok) {
    const { credits, limits, ...fields } = result.errors;
    for (const [field, messages] of Object.entries(fields) as Array<[KeyFormField, string[]]>) {
      if (shown(field) || (field === 'expiryDate' && shown('expiry'))) errors[field] = messages;
    }
    if (credits) errors.credits = Object.fromEntries(Object.entries(credits).filter(([field]) => shown(`credits.${field}` as KeyFormTouch))) as CreditsErrors;
    if (limits) errors.limits = shownLimitErrors(limits, values, shown);
  }

  return {
    values,
    errors,
    setValues,
    // Leaving an untouched field is not a mistake yet (and focus moves around when dialogs open);
    // a credits or limit input is only on screen once asked for, so leaving it counts.
    touch: (field) => {
      const flat = field in start;
      if (!flat || JSON.stringify(values[field as KeyFormField]) !== JSON.stringify(start[field as KeyFormField])) setTouched((current) => new Set([...current, field]));
    },
    submit() {
      setSubmitted(true);
      return result.ok ? result.settings : null;
    },
  };
}

/** A limit row's errors once its input was left (rows are known by id, errors by position). */
function shownLimitErrors(errors: LimitListErrors, values: KeyFormValues, shown: (field: KeyFormTouch) => boolean): LimitListErrors {
  const rows = errors.rows.map((rowErrors, i) =>
    Object.fromEntries(Object.entries(rowErrors).filter(([field]) => shown(`limits.${values.limits[i].id}.${field}` as KeyFormTouch))),
  );
  return { ...errors, rows };
}
