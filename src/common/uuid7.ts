import { randomUUID } from 'node:crypto';

/**
 * A time-ordered UUID (version 7): 48 bits of milliseconds, then randomness. Rows keyed by it are
 * appended at the right edge of their index instead of landing at random pages.
 */
export function uuidv7(now = Date.now()): string {
  const time = now.toString(16).padStart(12, '0');
  const random = randomUUID(); // version 4: its variant bits are already right
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
