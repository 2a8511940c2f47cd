import { refreshDelayMs } from './refresh-schedule';

describe('refreshDelayMs', () => {
  it('refreshes a 15-minute token a minute before it expires', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });

  it('refreshes a short-lived token after four fifths of its life', () => {
    expect(refreshDelayMs(60)).toBe(48_000);
  });

  it('never schedules sooner than a second, even for tokens about to expire', () => {
    expect(refreshDelayMs(0)).toBe(1000);
  });
});
