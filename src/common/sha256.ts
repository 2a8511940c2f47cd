import { createHash } from 'node:crypto';

/** SHA-256 as hex: how a high-entropy token (refresh, invitation, reset, sign-in challenge) is stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
