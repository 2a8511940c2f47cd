import { expiryToIso, isoToLocalDateTime, localDateTimeToIso, toLocalDateInput } from './expiry';

const now = new Date('2025-11-23T10:00:00.000Z');

describe('expiryToIso', () => {
  it('leaves the expiry untouched for "keep"', () => {
    expect(expiryToIso('keep', '', now)).toEqual({ ok: true, value: undefined });
  });

  it('sends null for "never" so the key does not expire', () => {
    expect(expiryToIso('never', '', now)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['30', '2025-12-23T10:00:00.000Z'],
    ['90', '2026-02-21T10:00:00.000Z'],
    ['365', '2026-11-23T10:00:00.000Z'],
  ] as const)('counts %s days from now', (choice, expected) => {
    expect(expiryToIso(choice, '', now)).toEqual({ ok: true, value: expected });
  });

  it('expires a picked date at the end of that local day', () => {
    const expected = new Date(2025, 11, 1, 23, 59, 59, 999).toISOString();
    expect(expiryToIso('date', '2025-12-01', now)).toEqual({ ok: true, value: expected });
  });

  it('asks for a date when none was picked', () => {
    expect(expiryToIso('date', '', now)).toEqual({ ok: false, error: 'Pick the date the key expires' });
  });

  it('refuses a date in the past', () => {
    expect(expiryToIso('date', '2020-01-01', now)).toEqual({ ok: false, error: 'The expiry date must be in the future' });
  });
});

describe('localDateTimeToIso', () => {
  it('reads a datetime-local value as local time', () => {
    expect(localDateTimeToIso('2025-12-01T08:30')).toBe(new Date(2025, 11, 1, 8, 30).toISOString());
  });

  it('treats a blank value as not set', () => {
    expect(localDateTimeToIso('  ')).toBeUndefined();
  });

  it('returns null for garbage', () => {
    expect(localDateTimeToIso('tomorrow-ish')).toBeNull();
  });

  it('round-trips with isoToLocalDateTime', () => {
    expect(isoToLocalDateTime(localDateTimeToIso('2025-12-01T08:30'))).toBe('2025-12-01T08:30');
  });
});

describe('toLocalDateInput', () => {
  it('formats the local calendar day with zero padding', () => {
    expect(toLocalDateInput(new Date(2025, 0, 5, 12))).toBe('2025-01-05');
  });
});
