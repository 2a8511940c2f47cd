import { intervalInWords, normalizeInterval, refillInWords, refillIntervalProblem } from './refill-interval';

describe('refillIntervalProblem', () => {
  it.each(['hour', 'day', 'week', 'month', 'PT1M', 'PT60S', 'PT15M', 'P2W', 'P1DT12H', 'P1M', 'P10Y'])('takes %s, as the server does', (interval) => {
    expect(refillIntervalProblem(interval)).toBeNull();
  });

  it('takes a duration typed in lower case or with spaces around it', () => {
    expect(refillIntervalProblem(' pt15m ')).toBeNull();
    expect(normalizeInterval(' pt15m ')).toBe('PT15M');
    expect(normalizeInterval('Day')).toBe('day');
  });

  it('asks for a duration when the field is empty', () => {
    expect(refillIntervalProblem('  ')).toBe('Enter an ISO-8601 duration, e.g. PT15M (15 minutes) or P2W (2 weeks)');
  });

  it.each(['fortnight', '15m', 'P', 'PT', 'P1DT', 'P1.5D', 'PT-5M', 'P1H'])('says %s is not an ISO-8601 duration', (interval) => {
    expect(refillIntervalProblem(interval)).toBe(`“${interval}” is not an ISO-8601 duration: write it like PT15M, P1D or P1DT12H`);
  });

  it.each(['PT59S', 'PT0M', 'P0D', 'P11Y', 'P121M'])('refuses %s as shorter than a minute or longer than 10 years', (interval) => {
    expect(refillIntervalProblem(interval)).toBe('A refill interval is at least a minute (PT1M) and at most 10 years');
  });
});

describe('intervalInWords', () => {
  it.each([
    ['day', 'every day'],
    ['month', 'every month'],
    ['P1D', 'every day'],
    ['PT15M', 'every 15 minutes'],
    ['P2W', 'every 2 weeks'],
    ['P14D', 'every 2 weeks'],
    ['P10D', 'every 10 days'],
    ['P1DT12H', 'every 1 day and 12 hours'],
    ['PT1H30M', 'every 1 hour and 30 minutes'],
    ['PT90M', 'every 1 hour and 30 minutes'],
    ['P1Y2M3DT4H5M6S', 'every 1 year, 2 months, 3 days, 4 hours, 5 minutes and 6 seconds'],
  ])('says %s as “%s”', (interval, words) => {
    expect(intervalInWords(interval)).toBe(words);
  });
});

describe('refillInWords', () => {
  it('says a reset refill brings the credits back to the amount', () => {
    expect(refillInWords({ amount: 1000, interval: 'day', mode: 'reset' })).toBe('Reset to 1,000 credits every day');
  });

  it('says an add refill adds the amount', () => {
    expect(refillInWords({ amount: 1, interval: 'PT15M', mode: 'add' })).toBe('1 credit added every 15 minutes');
  });
});
