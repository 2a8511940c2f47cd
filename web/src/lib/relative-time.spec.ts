import { formatRelativeTime } from './relative-time';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('formatRelativeTime', () => {
  it('says "just now" within 45 seconds either way', () => {
    expect(formatRelativeTime(ago(44), now)).toBe('just now');
    expect(formatRelativeTime(ago(-30), now)).toBe('just now');
  });

  it('rounds 50 seconds up to a minute ago', () => {
    expect(formatRelativeTime(ago(50), now)).toBe('1 minute ago');
  });

  it('counts minutes', () => {
    expect(formatRelativeTime(ago(5 * 60), now)).toBe('5 minutes ago');
  });

  it('counts hours', () => {
    expect(formatRelativeTime(ago(3 * 3600 + 100), now)).toBe('3 hours ago');
  });

  it('says "yesterday" for a day ago', () => {
    expect(formatRelativeTime(ago(26 * 3600), now)).toBe('yesterday');
  });

  it('counts weeks and months', () => {
    expect(formatRelativeTime(ago(15 * 86400), now)).toBe('2 weeks ago');
    expect(formatRelativeTime(ago(95 * 86400), now)).toBe('3 months ago');
  });

  it('speaks of the future for dates ahead', () => {
    expect(formatRelativeTime(ago(-3 * 86400), now)).toBe('in 3 days');
  });

  it('accepts ISO strings as the API sends them', () => {
    expect(formatRelativeTime('2026-11-23T11:00:00.000Z', now)).toBe('1 hour ago');
  });

  it('shows a dash for an unparseable date instead of "NaN"', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});
