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
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('still waits out the whole floor when the event loop was busy before the wait', async () => {
    // A busy loop leaves the loop's cached clock behind, which makes a single timer fire early.
    const started = performance.now();
    while (performance.now() - started < 5) {
      /* keep the loop busy */
    }
    await waitOutFloor(started, 15);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });
});
