import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Random bytes drawn in bulk, as node:crypto does for randomUUID: ten per id. */
const POOL = Buffer.alloc(4000);
let used = POOL.length;
/** Ids of one millisecond share their time digits: written out once. */
let lastTime = { ms: Number.NaN, digits: '' };

/**
 * A time-ordered UUID (version 7): 48 bits of milliseconds, then 74 random bits. Rows keyed by it
 * are appended at the right edge of their index instead of landing at random pages. Every audited
 * request makes one, so it is written from a byte pool and a hex table, not by reformatting a
 * random UUID.
 */
export function uuidv7(now = Date.now()): string {
  if (used + 10 > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  const at = used;
  used += 10;
  if (now !== lastTime.ms) {
    const time = now.toString(16).padStart(12, '0');
    lastTime = { ms: now, digits: `${time.slice(0, 8)}-${time.slice(8, 12)}-7` };
  }
  const b = POOL;
  // rand_a: 12 bits; then the RFC variant (10xx) before 62 more bits.
  return `${lastTime.digits}${HEX[b[at] & 0x0f][1]}${HEX[b[at + 1]]}-${HEX[(b[at + 2] & 0x3f) | 0x80]}${HEX[b[at + 3]]}-${HEX[b[at + 4]]}${HEX[b[at + 5]]}${HEX[b[at + 6]]}${HEX[b[at + 7]]}${HEX[b[at + 8]]}${HEX[b[at + 9]]}`;
}
