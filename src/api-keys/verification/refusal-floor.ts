import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long, at least, an "invalid key" answer to a well-formed key takes. A key id the instance
 * has not cached costs a database read when it exists and nothing when it does not, so without a
 * floor the answer's timing says which ids exist. The floor sits above a cold read's usual
 * duration (≈ 3 ms, a few ms more under load) and applies to every such refusal, cached or not:
 * padding only cold lookups would let a second probe of the same id tell a cached existing key
 * (fast) from an unknown one. Valid keys never wait.
 */
export const KEY_REFUSAL_FLOOR_MS = 10;

/** Milliseconds still to wait so that something started at `startedAt` takes `floorMs`. */
export function remainingFloor(startedAt: number, now: number, floorMs: number): number {
  return Math.max(0, startedAt + floorMs - now);
}

/**
 * Waits (timers, no busy loop) until `floorMs` have passed since `startedAt` (performance.now()).
 * A timer counts from the event loop's cached clock, which can lag the real one, so one timer may
 * fire early; the loop sleeps again for whatever is still left.
 */
export async function waitOutFloor(startedAt: number, floorMs = KEY_REFUSAL_FLOOR_MS): Promise<void> {
  for (;;) {
    const wait = remainingFloor(startedAt, performance.now(), floorMs);
    if (wait <= 0) return;
    await sleep(Math.max(1, Math.ceil(wait)));
  }
}
