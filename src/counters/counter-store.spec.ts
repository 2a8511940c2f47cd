import { MemoryCounterStore } from './counter-store.js';

describe('MemoryCounterStore', () => {
  let now = 0;
  let store: MemoryCounterStore;
  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryCounterStore(() => now);
  });
  afterEach(() => store.close());

  it('counts hits in a window that starts with the first hit', async () => {
    expect(await store.hit('k', 1000)).toEqual({ count: 1, resetMs: 1000 });
    now += 400;
    expect(await store.hit('k', 1000)).toEqual({ count: 2, resetMs: 600 });
  });

  it('starts a new window once the old one has passed', async () => {
    await store.hit('k', 1000);
    await store.hit('k', 1000);
    now += 1000;
    expect(await store.hit('k', 1000)).toEqual({ count: 1, resetMs: 1000 });
  });

  it('keeps keys apart', async () => {
    await store.hit('a', 1000);
    expect((await store.hit('b', 1000)).count).toBe(1);
  });

  it('holds a flag until it expires', async () => {
    await store.mark('blocked', 500);
    now += 200;
    expect(await store.remaining('blocked')).toBe(300);
    now += 300;
    expect(await store.remaining('blocked')).toBe(0);
    expect(await store.remaining('never-set')).toBe(0);
  });

  it('remembers set members and says when one is new', async () => {
    expect(await store.remember('ips', '1.1.1.1', 1000)).toEqual({ added: true, size: 1 });
    expect(await store.remember('ips', '1.1.1.1', 1000)).toEqual({ added: false, size: 1 });
    expect(await store.remember('ips', '2.2.2.2', 1000)).toEqual({ added: true, size: 2 });
    now += 1000;
    expect(await store.remember('ips', '1.1.1.1', 1000)).toEqual({ added: true, size: 1 });
  });
});
