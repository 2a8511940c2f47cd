import fc from 'fast-check';
import { firstRefillAt, parseRefillInterval, refillStep, refillsDue } from './refill-interval.js';

const at = (iso: string) => new Date(iso);

describe('parseRefillInterval', () => {
  it.each(['hour', 'day', 'week', 'month', 'PT1M', 'PT90S', 'P1D', 'P2W', 'P1M', 'P1Y', 'P1DT12H'])('accepts %s', (text) => {
    expect(parseRefillInterval(text)).not.toBeNull();
  });

  it.each(['', 'P', 'PT', 'PT59S', 'PT0M', 'minute', 'P1.5D', 'p1d', 'P11Y', '1D', 'PT1M '])('refuses %j', (text) => {
    expect(parseRefillInterval(text)).toBeNull();
  });
});

describe('refill schedules', () => {
  it('falls on the anchor plus whole intervals, however late the job looks', () => {
    const anchor = at('2026-01-01T00:00:00Z');
    expect(refillsDue(anchor, 'hour', at('2026-01-01T05:30:00Z'))).toEqual({ due: 5, next: at('2026-01-01T06:00:00Z') });
    expect(refillsDue(anchor, 'PT15M', at('2026-01-01T00:15:00Z'))).toEqual({ due: 1, next: at('2026-01-01T00:30:00Z') });
  });

  it('adds calendar months, keeping the anchor’s day where the month has it', () => {
    const anchor = at('2026-01-31T10:00:00Z');
    expect(refillsDue(anchor, 'month', at('2026-02-15T00:00:00Z')).next).toEqual(at('2026-02-28T10:00:00Z'));
    expect(refillsDue(anchor, 'month', at('2026-03-01T00:00:00Z')).next).toEqual(at('2026-03-31T10:00:00Z'));
  });

  it('starts a new schedule one interval from now', () => {
    expect(firstRefillAt('day', at('2026-05-05T08:00:00Z'))).toEqual(at('2026-05-06T08:00:00Z'));
  });

  it('applies every refill that fell due since the stored one, once, and moves to the next after now', () => {
    const anchor = at('2026-01-01T00:00:00Z');
    expect(refillStep(anchor, 'hour', at('2026-01-01T01:00:00Z'), at('2026-01-01T01:00:00.500Z'))).toEqual({ applications: 1, next: at('2026-01-01T02:00:00Z') });
    expect(refillStep(anchor, 'hour', at('2026-01-01T01:00:00Z'), at('2026-01-01T03:10:00Z'))).toEqual({ applications: 3, next: at('2026-01-01T04:00:00Z') });
  });

  it('always answers a next refill after now and never a negative count (property)', () => {
    const intervals = fc.constantFrom('hour', 'day', 'week', 'month', 'PT1M', 'PT7M', 'P1M', 'P1DT1H', 'P1Y');
    fc.assert(
      fc.property(intervals, fc.integer({ min: 0, max: 4e11 }), fc.integer({ min: 0, max: 3e10 }), (interval, anchorMs, elapsed) => {
        const anchor = new Date(1e12 + anchorMs);
        const now = new Date(anchor.getTime() + elapsed);
        const { due, next } = refillsDue(anchor, interval, now);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        // The refill before `next` is not after now: none was skipped.
        expect(refillsDue(anchor, interval, new Date(next.getTime() - 1)).due).toBe(due);
      }),
    );
  });
});
