import { jest } from '@jest/globals';
import { MemoryCounterStore } from './counter-store.js';
import { ResilientCounterStore } from './resilient-counter-store.js';

/** A shared store that can be switched off, like a Redis going away. */
class FlakyStore extends MemoryCounterStore {
  up = true;
  override async hit(key: string, windowMs: number) {
    if (!this.up) throw new Error('connection refused');
    return super.hit(key, windowMs);
  }
}

describe('ResilientCounterStore', () => {
  let shared: FlakyStore;
  let local: MemoryCounterStore;
  let store: ResilientCounterStore;
  const events = { fallbacks: 0, recoveries: 0 };

  beforeEach(() => {
    shared = new FlakyStore();
    local = new MemoryCounterStore();
    events.fallbacks = events.recoveries = 0;
    store = new ResilientCounterStore(
      shared,
      local,
      async () => {
        if (!shared.up) throw new Error('down');
      },
      { onFallback: () => events.fallbacks++, onRecovered: () => events.recoveries++ },
      10,
    );
  });
  afterEach(() => {
    store.close();
    shared.close();
    local.close();
  });

  it('uses the shared store while it answers', async () => {
    await store.hit('k', 60_000);
    expect((await shared.hit('k', 60_000)).count).toBe(2);
    expect(store.usingFallback).toBe(false);
  });

  it('falls back to local counting on a failure, without failing the caller, and reports it once', async () => {
    shared.up = false;
    expect((await store.hit('k', 60_000)).count).toBe(1);
    expect((await store.hit('k', 60_000)).count).toBe(2);
    expect(store.usingFallback).toBe(true);
    expect(events.fallbacks).toBe(1);
  });

  it('returns to the shared store once its probe answers again', async () => {
    jest.useFakeTimers();
    try {
      shared.up = false;
      await store.hit('k', 60_000);
      await jest.advanceTimersByTimeAsync(30); // probes while still down change nothing
      expect(store.usingFallback).toBe(true);
      shared.up = true;
      await jest.advanceTimersByTimeAsync(10);
      expect(store.usingFallback).toBe(false);
      expect(events.recoveries).toBe(1);
      expect((await store.hit('k', 60_000)).count).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
