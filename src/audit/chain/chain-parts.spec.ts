import { chainParts, prepareEvent, toChainedEvent } from './audit-chain.js';
import { CANONICAL_VERSION, canonicalEvent, INSTANCE_CHAIN } from './hash-chain.js';
import { rejectedEvent } from './rejected-event.js';

const A = '0190f7a2-0000-7000-8000-00000000000a';
const B = '0190f7a2-0000-7000-8000-00000000000b';

describe('chainParts', () => {
  it('splits a batch spanning chains into one part per chain, chains in sorted order whatever the arrival order', () => {
    const events = [
      { chainId: B, n: 1 },
      { chainId: INSTANCE_CHAIN, n: 2 },
      { chainId: A, n: 3 },
      { chainId: B, n: 4 },
      { chainId: INSTANCE_CHAIN, n: 5 },
    ];
    const parts = chainParts(events);
    expect(parts.map((part) => part.chainId)).toEqual([INSTANCE_CHAIN, A, B]);
    expect(parts.map((part) => part.events.map((event) => event.n))).toEqual([[2, 5], [3], [1, 4]]);
    expect(chainParts([...events].reverse()).map((part) => part.chainId)).toEqual([INSTANCE_CHAIN, A, B]);
  });

  it('keeps a batch of one chain whole', () => {
    const events = [{ chainId: A }, { chainId: A }];
    expect(chainParts(events)).toEqual([{ chainId: A, events }]);
    expect(chainParts([])).toEqual([]);
  });
});

describe('chain of an event', () => {
  it('puts an event in the instance chain unless it names another, and prepares it under the current canonical version', () => {
    const instance = toChainedEvent({ type: 'auth.login' });
    expect('chainId' in instance).toBe(false);
    expect(prepareEvent(instance)).toMatchObject({ chainId: INSTANCE_CHAIN, canonical: canonicalEvent(instance, CANONICAL_VERSION) });
    expect('chainId' in toChainedEvent({ type: 'auth.login', chainId: INSTANCE_CHAIN })).toBe(false);
  });

  it('carries a named chain, in its canonical lower-case form, through to the prepared event', () => {
    const event = toChainedEvent({ type: 'auth.login', chainId: A.toUpperCase() });
    expect(event.chainId).toBe(A);
    expect(prepareEvent(event).chainId).toBe(A);
  });

  it('writes audit.event_rejected in the chain of the event it replaces (the instance chain if that chain id is not storable)', () => {
    const refusal = { code: '22P02', message: 'invalid input syntax' };
    expect(rejectedEvent(toChainedEvent({ type: 'auth.login', chainId: A }), refusal).chainId).toBe(A);
    const unstorable = rejectedEvent(toChainedEvent({ type: 'auth.login', chainId: 'not-a-uuid' }), refusal);
    expect(unstorable.chainId).toBeUndefined();
    expect(unstorable.details.unstorable).toEqual({ chainId: 'not-a-uuid' });
  });
});
