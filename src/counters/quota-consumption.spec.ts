import fc from 'fast-check';
import { adjustCredits, consumeQuota, type QuotaCells, type QuotaSpend } from './quota-consumption.js';

function cells(): QuotaCells & { values: Map<string, number> } {
  const values = new Map<string, number>();
  return { values, get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

const spendOf = (limits: Array<{ limit: number; cost: number }>, credits?: { cost: number; initial: number }): QuotaSpend => ({
  windows: limits.map((window, i) => ({ key: `w${i}`, ttlMs: 1000, ...window })),
  credits: credits && { key: 'credits', ...credits },
});

describe('consumeQuota', () => {
  it('admits exactly min(N, C, L) of N requests against C credits and a limit L, and never goes negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (n, credits, limit) => {
        const store = cells();
        const spend = spendOf([{ limit, cost: 1 }], { cost: 1, initial: credits });
        const admitted = Array.from({ length: n }, () => consumeQuota(store, spend)).filter((outcome) => outcome.admitted).length;
        expect(admitted).toBe(Math.min(n, credits, limit));
        expect(store.values.get('credits') ?? credits).toBe(credits - admitted);
        expect(store.values.get('w0') ?? 0).toBe(admitted);
      }),
    );
  });

  it('never lets any window count past its limit, whatever the costs, and spends nothing on a refusal', () => {
    const limits = fc.array(fc.record({ limit: fc.integer({ min: 0, max: 20 }), cost: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(limits, fc.integer({ min: 1, max: 40 }), (windows, n) => {
        const store = cells();
        const spend = spendOf(windows);
        for (let i = 0; i < n; i++) {
          const before = new Map(store.values);
          const outcome = consumeQuota(store, spend);
          if (!outcome.admitted) expect(store.values).toEqual(before);
        }
        windows.forEach((window, i) => expect(store.values.get(`w${i}`) ?? 0).toBeLessThanOrEqual(window.limit));
      }),
    );
  });

  it('names the first window that cannot take the cost, and refuses on credits only when every window could', () => {
    const store = cells();
    store.set('w1', 5);
    expect(consumeQuota(store, spendOf([{ limit: 10, cost: 1 }, { limit: 5, cost: 1 }], { cost: 1, initial: 0 }))).toMatchObject({ admitted: false, refusedBy: 1 });
    expect(consumeQuota(store, spendOf([{ limit: 10, cost: 1 }], { cost: 1, initial: 0 }))).toMatchObject({ admitted: false, refusedBy: 'credits', creditsRemaining: 0 });
  });

  it('admits a cost-0 request with no credits left, spending nothing', () => {
    const store = cells();
    expect(consumeQuota(store, spendOf([], { cost: 0, initial: 0 }))).toEqual({ admitted: true, counts: [], creditsRemaining: 0 });
  });

  it('starts from the database’s figure only when the store holds none', () => {
    const store = cells();
    consumeQuota(store, spendOf([], { cost: 3, initial: 10 }));
    expect(consumeQuota(store, spendOf([], { cost: 1, initial: 999 }))).toMatchObject({ creditsRemaining: 6 });
  });
});

describe('adjustCredits', () => {
  it('adds to the live figure, never below 0, or takes the database’s when the store holds none, or when setting', () => {
    const store = cells();
    expect(adjustCredits(store, 'c', 5, 105)).toBe(105);
    expect(adjustCredits(store, 'c', -200, 0)).toBe(0);
    expect(adjustCredits(store, 'c', 7, 99)).toBe(7);
    expect(adjustCredits(store, 'c', null, 50)).toBe(50);
  });
});
