import { KeyIdIndex, LookupBudget } from './key-id-index.js';

describe('KeyIdIndex', () => {
  it('knows loaded and added ids and nothing else', () => {
    const index = new KeyIdIndex();
    index.load(['0000000a', 'ffffffff', '80000000'].map(KeyIdIndex.toNumber));
    index.add('12345678');
    expect(['0000000a', 'ffffffff', '80000000', '12345678'].every((id) => index.has(id))).toBe(true);
    expect(index.has('0000000b')).toBe(false);
    expect(index.has('00000000')).toBe(false);
    expect(index.size).toBe(4);
  });

  it('loads ids packed as big-endian 4-byte values, as PostgreSQL sends them', () => {
    const index = new KeyIdIndex();
    index.load(KeyIdIndex.unpack(Buffer.from('0000000affffffff80000000', 'hex')));
    expect(['0000000a', 'ffffffff', '80000000'].every((id) => index.has(id))).toBe(true);
    expect(index.has('0a000000')).toBe(false);
    expect(index.size).toBe(3);
  });

  it('keeps every id through compactions', () => {
    const index = new KeyIdIndex();
    const ids = Array.from({ length: 10_000 }, (_, i) => (i * 2_654_435_761 >>> 0).toString(16).padStart(8, '0'));
    for (const id of ids) index.add(id);
    expect(ids.every((id) => index.has(id))).toBe(true);
    expect(index.has('deadbee0')).toBe(ids.includes('deadbee0'));
    expect(index.size).toBe(new Set(ids).size);
  });

  it('adds many ids at once', () => {
    const index = new KeyIdIndex();
    index.load([KeyIdIndex.toNumber('00000001')]);
    const ids = Array.from({ length: 10_000 }, (_, i) => (i + 2).toString(16).padStart(8, '0'));
    index.addMany([...ids, '00000001']);
    expect(index.size).toBe(10_001);
    expect(ids.every((id) => index.has(id))).toBe(true);
  });

  it('replaces its contents on load', () => {
    const index = new KeyIdIndex();
    index.add('00000001');
    index.load([KeyIdIndex.toNumber('00000002')]);
    expect(index.has('00000001')).toBe(false);
    expect(index.has('00000002')).toBe(true);
  });
});

describe('LookupBudget', () => {
  it('allows a burst up to the rate, then refills over time', () => {
    let now = 0;
    const budget = new LookupBudget(3, () => now);
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
    now = 400;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
    now = 10_000;
    expect([budget.take(), budget.take(), budget.take(), budget.take()]).toEqual([true, true, true, false]);
  });
});
