import { Secret, TOTP } from 'otpauth';

/** What authenticator apps read (RFC 6238 defaults): SHA-1, 6 digits, 30-second steps. */
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const STEP_MS = PARAMETERS.period * 1000;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, account: string, issuer: string): string {
  return new TOTP({ ...PARAMETERS, issuer, label: account, secret: Secret.fromBase32(secret) }).toString();
}

/** The code for `atMs` (tests compute codes as an app would). */
export function totpCode(secret: string, atMs: number): string {
  return TOTP.generate({ ...PARAMETERS, secret: Secret.fromBase32(secret), timestamp: atMs });
}

/**
 * The time step `code` belongs to, if it is right within one step of `nowMs` (clock drift) and
 * later than `lastUsedStep` (a code, once accepted, is refused for the rest of its window).
 */
export function acceptedStep(secret: string, code: string, nowMs: number, lastUsedStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({ ...PARAMETERS, secret: Secret.fromBase32(secret), token: code, timestamp: nowMs, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(nowMs / STEP_MS) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}
