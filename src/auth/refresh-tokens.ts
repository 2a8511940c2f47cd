import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../common/sha256.js';

/** A refresh token is 256 random bits; only its sha256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return sha256Hex(token);
}

export function newFamilyId(): string {
  return randomUUID();
}
