import { remainingFloor, waitOutFloor } from './refusal-floor.js';

describe('remainingFloor', () => {
  it('waits out what is left of the floor', () => {
    expect(remainingFloor(100, 103, 10)).toBe(7);
  });

  it('does not wait once the floor has passed', () => {
    expect(remainingFloor(100, 100, 10)).toBe(10);
    expect(remainingFloor(100, 125, 10)).toBe(0);
  });
});

describe('waitOutFloor', () => {
  it('returns no earlier than the floor after the start', async () => {
    const started = performance.now();
    await waitOutFloor(started, 15);
    // Timers may fire a fraction of a millisecond early in their own clock.
    expect(performance.now() - started).toBeGreaterThanOrEqual(14);
  });
});
