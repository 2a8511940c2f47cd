import { GENESIS_HASH, linkEvents, type ChainedEvent } from '../chain/hash-chain.js';
import { ChainWalk, type DroppedLink, type WalkedEvent } from './chain-walk.js';

const event = (n: number): ChainedEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  occurredAt: new Date(Date.UTC(2026, 10, 30, 23, 59, 50 + n)),
  type: 'api_key.used',
  severity: 'info',
  userId: null,
  apiKeyId: null,
  keyPrefix: null,
  ip: '198.18.0.1',
  userAgent: null,
  method: 'GET',
  path: '/api/v1/contents',
  statusCode: 200,
  details: { n },
});

/** A chain of `count` events from genesis, seq 1..count. */
function chain(count: number): WalkedEvent[] {
  return linkEvents(GENESIS_HASH, Array.from({ length: count }, (_, i) => event(i + 1))).map((linked, i) => ({ ...linked, occurredAt: linked.occurredAt.toISOString(), seq: i + 1 }));
}

const asLink = (e: WalkedEvent): DroppedLink => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash });

function walk(events: WalkedEvent[], start = { seq: 0, hash: GENESIS_HASH }, links: DroppedLink[] = []) {
  const chainWalk = new ChainWalk(start, links);
  for (const e of events) if (!chainWalk.step(e)) break;
  return chainWalk.outcome();
}

describe('ChainWalk', () => {
  it('checks every event of an intact chain and names the range and the point verified to', () => {
    const events = chain(4);
    expect(walk(events)).toEqual({ valid: true, checked: 4, from: 1, to: 4, verifiedTo: { seq: 4, hash: events[3].hash } });
  });

  it('answers an empty range with nothing checked, from and to null', () => {
    expect(walk([])).toEqual({ valid: true, checked: 0, from: null, to: null, verifiedTo: null });
  });

  it('starts after a checkpoint: the first event must follow the checkpoint’s hash', () => {
    const events = chain(5);
    expect(walk(events.slice(2), { seq: 2, hash: events[1].hash })).toMatchObject({ valid: true, checked: 3, from: 3, to: 5 });
    expect(walk(events.slice(2), { seq: 2, hash: events[0].hash })).toMatchObject({ valid: false, checked: 0, from: 3, to: 3, firstInvalidId: events[2].id });
  });

  it('names an edited event, counting only the events before it', () => {
    const events = chain(4);
    events[2] = { ...events[2], ip: '10.6.6.6' };
    expect(walk(events)).toEqual({ valid: false, checked: 2, from: 1, to: 3, firstInvalidId: events[2].id, verifiedTo: null });
  });

  it('steps over the links of dropped events that sit between kept ones', () => {
    const events = chain(6);
    // 2 and 4 were dropped with their month; 3, 5 and 6 (a later month's) were appended in between.
    const kept = [events[2], events[4], events[5]];
    expect(walk(kept, { seq: 2, hash: events[1].hash }, [asLink(events[3])])).toMatchObject({ valid: true, checked: 3, from: 3, to: 6 });
  });

  it('finds a kept event edited, hash and all, before a dropped one: the dropped link no longer follows it', () => {
    const events = chain(5);
    const [forged] = linkEvents(events[1].hash, [{ ...events[2], occurredAt: new Date(events[2].occurredAt), ip: '10.6.6.6' }]);
    const kept = [{ ...forged, occurredAt: events[2].occurredAt, seq: 3 }, events[4]];
    expect(walk(kept, { seq: 2, hash: events[1].hash }, [asLink(events[3])])).toMatchObject({ valid: false, checked: 0, from: 3, to: 3, firstInvalidId: events[2].id });
  });

  it('fails a link that does not follow its checkpoint, naming the first event after it', () => {
    const events = chain(4);
    expect(walk([events[3]], { seq: 2, hash: events[0].hash }, [asLink(events[2])])).toMatchObject({ valid: false, checked: 0, firstInvalidId: events[3].id });
  });
});
