import { InFlightReads } from './in-flight-reads.js';

/** A read that answers when the test says so, and tells the test whether it may still cache. */
function deferredRead(value: string) {
  let finish!: () => void;
  let stillCurrent!: () => boolean;
  const read = (current: () => boolean) => {
    stillCurrent = current;
    return new Promise<string>((resolve) => {
      finish = () => resolve(value);
    });
  };
  return { read, finish: () => finish(), mayCache: () => stillCurrent() };
}

describe('InFlightReads', () => {
  it('shares one read among everyone who asks while it is in flight', async () => {
    const reads = new InFlightReads<string>();
    const first = deferredRead('v1');
    const second = deferredRead('unused');
    const a = reads.join('id', first.read);
    const b = reads.join('id', second.read);
    first.finish();
    expect(await Promise.all([a, b])).toEqual(['v1', 'v1']);
    expect(first.mayCache()).toBe(true);
    expect(reads.has('id')).toBe(false);
  });

  it('lets an overtaken read answer its callers but not cache, and starts a fresh read for later ones', async () => {
    const reads = new InFlightReads<string>();
    const stale = deferredRead('before the change');
    const fresh = deferredRead('after the change');
    const early = reads.join('id', stale.read);
    reads.overtake('id');
    const late = reads.join('id', fresh.read);
    fresh.finish();
    stale.finish();
    expect(await early).toBe('before the change');
    expect(await late).toBe('after the change');
    expect(stale.mayCache()).toBe(false);
    expect(fresh.mayCache()).toBe(true);
  });

  it('keeps the fresh read joinable when the overtaken one finishes first', async () => {
    const reads = new InFlightReads<string>();
    const stale = deferredRead('stale');
    const fresh = deferredRead('fresh');
    const third = deferredRead('unused');
    const early = reads.join('id', stale.read);
    reads.overtake('id');
    const late = reads.join('id', fresh.read);
    stale.finish();
    await early;
    const later = reads.join('id', third.read);
    fresh.finish();
    expect(await Promise.all([late, later])).toEqual(['fresh', 'fresh']);
  });

  it('overtakes only the id that changed', () => {
    const reads = new InFlightReads<string>();
    const other = deferredRead('other');
    void reads.join('other', other.read);
    reads.overtake('id');
    expect(other.mayCache()).toBe(true);
    expect(reads.has('other')).toBe(true);
  });

  it('overtakes every read in flight at once when everything changed, and lets later callers start afresh', async () => {
    const reads = new InFlightReads<string>();
    const a = deferredRead('a');
    const b = deferredRead('b');
    const earlyA = reads.join('a', a.read);
    void reads.join('b', b.read);
    reads.overtakeAll();
    expect([a.mayCache(), b.mayCache(), reads.has('a'), reads.has('b')]).toEqual([false, false, false, false]);
    const fresh = deferredRead('fresh a');
    const lateA = reads.join('a', fresh.read);
    a.finish();
    fresh.finish();
    expect([await earlyA, await lateA]).toEqual(['a', 'fresh a']);
    expect(fresh.mayCache()).toBe(true);
  });
});
