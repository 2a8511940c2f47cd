/** Turns the create/edit form's expiry and valid-from inputs into what the API takes. */

export type ExpiryChoice = 'keep' | 'never' | '30' | '90' | '365' | 'date';

export const EXPIRY_OPTIONS: ReadonlyArray<{ value: Exclude<ExpiryChoice, 'keep'>; label: string }> = [
  { value: 'never', label: 'Never' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 365 days' },
  { value: 'date', label: 'On a date…' },
];

const DAY_MS = 24 * 3600 * 1000;

/** `undefined` leaves the expiry as it is, `null` means the key never expires. */
export type ExpiryResult = { ok: true; value: string | null | undefined } | { ok: false; error: string };

export function expiryToIso(choice: ExpiryChoice, pickedDate: string, now: Date): ExpiryResult {
  switch (choice) {
    case 'keep':
      return { ok: true, value: undefined };
    case 'never':
      return { ok: true, value: null };
    case '30':
    case '90':
    case '365':
      return { ok: true, value: new Date(now.getTime() + Number(choice) * DAY_MS).toISOString() };
    case 'date':
      return pickedDateToIso(pickedDate, now);
  }
}

// A key that "expires on 1 Dec" should still work all of 1 Dec where the user is.
function pickedDateToIso(pickedDate: string, now: Date): ExpiryResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(pickedDate);
  if (!match) return { ok: false, error: 'Pick the date the key expires' };
  const endOfDay = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  if (Number.isNaN(endOfDay.getTime())) return { ok: false, error: 'Pick the date the key expires' };
  if (endOfDay <= now) return { ok: false, error: 'The expiry date must be in the future' };
  return { ok: true, value: endOfDay.toISOString() };
}

/** A `datetime-local` value (local time, no zone) as an ISO instant; blank means "not set". */
export function localDateTimeToIso(value: string): string | null | undefined {
  if (value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The reverse of `localDateTimeToIso`, to prefill a `datetime-local` input. */
export function isoToLocalDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Prefills a `date` input with the local calendar day of `date`. */
export function toLocalDateInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
