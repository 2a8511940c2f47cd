import { ApiError } from '../api/api-error';

/** What the server asks of a password someone chooses (registration, change, reset). */
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;

/** Why a new password cannot be sent yet, or null: the server checks again. */
export function newPasswordProblem(password: string, repeated: string): string | null {
  if (password.length < MIN_PASSWORD) return `The new password needs at least ${MIN_PASSWORD} characters.`;
  if (password.length > MAX_PASSWORD) return `The new password can have at most ${MAX_PASSWORD} characters.`;
  if (password !== repeated) return 'The two new passwords are not the same.';
  return null;
}

/** The message of a validation failure about one field of the body, if the server named it. */
export function fieldError(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError) || error.code !== 'validation.failed') return null;
  const detail = error.details.find((d) => d.field === field);
  return detail ? (detail.message ?? error.message) : null;
}
