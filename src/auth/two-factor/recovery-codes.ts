import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // no 0/o, 1/l: read off paper
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 10 characters (50 bits each), written `abcde-fghij`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a code is stored: an HMAC under a server key (50 bits would not survive a plain hash's offline guessing), case and dashes ignored. */
export function hashRecoveryCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
}
