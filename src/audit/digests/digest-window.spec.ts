import { delayToNextWindow, windowStart } from './digest-window.js';

describe('digest windows', () => {
  it('start on multiples of the interval since the epoch', () => {
    expect(windowStart(new Date('2026-11-01T10:59:59.999Z'), 3600).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(windowStart(new Date('2026-11-01T11:00:00.000Z'), 3600).toISOString()).toBe('2026-11-01T11:00:00.000Z');
    expect(windowStart(new Date('2026-11-01T11:00:07.400Z'), 5).toISOString()).toBe('2026-11-01T11:00:05.000Z');
  });

  it('are waited for until a little after the next one starts', () => {
    const at = Date.parse('2026-11-01T10:59:00.000Z');
    expect(delayToNextWindow(at, 3600)).toBe(60_000 + 1000);
    expect(delayToNextWindow(Date.parse('2026-11-01T10:59:59.250Z'), 1)).toBe(750 + 100);
  });
});
