import { createHmac, createSecretKey, hash, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * Key format: `<prefix>_<id>_<secret><checksum>`
 * - id: 8 lowercase hex (the lookup handle, shown as keyPrefix `<prefix>_<id>`)
 * - secret: 32 lowercase hex = 128 random bits
 * - checksum: CRC32 of everything before it, base62, left-padded to 6 — lets the server and
 *   secret scanners reject a mistyped or made-up key without a database read.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_LENGTH = 6;

export interface ParsedKey {
  /** The 8-hex lookup id. */
  id: string;
  /** `<prefix>_<id>`, safe to show and log. */
  keyPrefix: string;
}

export interface GeneratedKey extends ParsedKey {
  key: string;
}

export function toBase62(value: number, length: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(length, '0');
}

export function checksumOf(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

const DIGIT_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62.length; i++) DIGIT_OF[BASE62.charCodeAt(i)] = i;

/**
 * Whether the six base62 characters ending `value` are checksumOf() of what precedes them, read
 * as a number rather than by writing the checksum out (every key request checks one). The same
 * answer: six digits hold any CRC32 (62⁶ > 2³²), so each value has one padded spelling.
 */
function checksumMatches(value: string): boolean {
  let presented = 0;
  for (let i = value.length - CHECKSUM_LENGTH; i < value.length; i++) {
    const digit = DIGIT_OF[value.charCodeAt(i)] ?? -1;
    if (digit < 0) return false;
    presented = presented * 62 + digit;
  }
  return presented === crc32(value.slice(0, -CHECKSUM_LENGTH));
}

/** The regex secret scanners can use to find leaked keys of a given prefix. */
export function keyPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}_([0-9a-f]{8})_[0-9a-f]{32}[0-9A-Za-z]{${CHECKSUM_LENGTH}}$`);
}

/** A new key from 160 random bits: 32 for the id, 128 for the secret (tests pass their own bytes). */
export function generateKey(prefix: string, random: Uint8Array = randomBytes(20)): GeneratedKey {
  const bytes = Buffer.from(random.buffer, random.byteOffset, 20);
  const id = bytes.subarray(0, 4).toString('hex');
  const body = `${prefix}_${id}_${bytes.subarray(4, 20).toString('hex')}`;
  return { key: body + checksumOf(body), id, keyPrefix: `${prefix}_${id}` };
}

export class KeyFormat {
  private readonly pattern: RegExp;

  constructor(readonly prefix: string) {
    this.pattern = keyPattern(prefix);
  }

  /** Shape only: tells a bearer key from a JWT, whether or not its checksum is right. */
  looksLikeKey(value: string): boolean {
    return this.pattern.test(value);
  }

  /** Shape and checksum; null for anything that cannot be a key this server issued. */
  parse(value: string): ParsedKey | null {
    if (!this.pattern.test(value) || !checksumMatches(value)) return null;
    const keyPrefix = value.slice(0, this.prefix.length + 9);
    return { id: keyPrefix.slice(this.prefix.length + 1), keyPrefix };
  }
}

/** HMAC-SHA256 of the whole key with the server secret: all that is ever stored. */
export function hashKey(key: string, secret: string | KeyObject): Buffer {
  return createHmac('sha256', secret).update(key).digest();
}

/** The secret as a key object, prepared once rather than on every HMAC. */
export function hashingKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret));
}

/** SHA-256 of a secret already proven by its HMAC, kept only in memory beside its cached record (never stored). */
export function secretDigest(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
