import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../common/sha256.js';

/** A client id: public, safe to log and show (`kwc_` + 128 random bits). */
export const newClientId = (): string => `kwc_${randomBytes(16).toString('hex')}`;

/** A client secret and the hash that is all the database keeps of it: 256 random bits, so SHA-256 suffices. */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = `kws_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: sha256Hex(secret) };
}
