import { reachesThreshold, signInRefusedFor } from './brute-force.js';

describe('reachesThreshold', () => {
  it('is true only on the failure that reaches the threshold', () => {
    expect([19, 20, 21].map((count) => reachesThreshold(count, 20))).toEqual([false, true, false]);
  });
});

describe('signInRefusedFor', () => {
  it('refuses for the longer of the network block and the account-wide block', () => {
    expect(signInRefusedFor({ networkMs: 3000, accountMs: 0 }, false)).toBe(3000);
    expect(signInRefusedFor({ networkMs: 0, accountMs: 5000 }, false)).toBe(5000);
    expect(signInRefusedFor({ networkMs: 0, accountMs: 0 }, false)).toBe(0);
  });

  it('lets a verified second factor past the account-wide block, never past the block on its own network', () => {
    expect(signInRefusedFor({ networkMs: 0, accountMs: 5000 }, true)).toBe(0);
    expect(signInRefusedFor({ networkMs: 3000, accountMs: 5000 }, true)).toBe(3000);
  });
});
