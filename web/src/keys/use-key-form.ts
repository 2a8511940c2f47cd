import { useState } from 'react';
import type { KeySettings } from '../api/types';
import { validateKeyForm, type KeyFormErrors, type KeyFormValues } from './key-form';

// Typed-in lists are checked as you type; other fields once you leave them (or submit).
const LIVE_FIELDS: Array<keyof KeyFormValues> = ['allowedIps', 'metadata', 'scopes'];

export interface KeyFormState {
  values: KeyFormValues;
  errors: KeyFormErrors;
  setValues(values: KeyFormValues): void;
  touch(field: keyof KeyFormValues): void;
  /** Shows every error; returns the request body when the form is valid. */
  submit(): KeySettings | null;
}

export function useKeyForm(start: KeyFormValues, editing: boolean): KeyFormState {
  const [values, setValues] = useState(start);
  const [touched, setTouched] = useState<ReadonlySet<keyof KeyFormValues>>(new Set(LIVE_FIELDS));
  const [submitted, setSubmitted] = useState(false);
  const result = validateKeyForm(values, new Date(), editing ? start : undefined);

  const errors: KeyFormErrors = {};
  if (!result.ok) {
    for (const [field, messages] of Object.entries(result.errors) as Array<[keyof KeyFormValues, string[]]>) {
      const shownWith = field === 'expiryDate' ? 'expiry' : field;
      if (submitted || touched.has(field) || touched.has(shownWith)) errors[field] = messages;
    }
  }

  return {
    values,
    errors,
    setValues,
    // Leaving an untouched field is not a mistake yet (and focus moves around when dialogs open).
    touch: (field) => {
      if (JSON.stringify(values[field]) !== JSON.stringify(start[field])) setTouched((current) => new Set([...current, field]));
    },
    submit() {
      setSubmitted(true);
      return result.ok ? result.settings : null;
    },
  };
}
