import { limitAppliesTo, limitInWords, windowInWords } from './limit-words';

describe('windowInWords', () => {
  it.each([
    [1, 'second'],
    [30, '30 seconds'],
    [60, 'minute'],
    [90, '90 seconds'],
    [900, '15 minutes'],
    [3600, 'hour'],
    [5400, '90 minutes'],
    [86_400, 'day'],
    [604_800, 'week'],
    [1_209_600, '2 weeks'],
    [2_592_000, '30 days'],
  ])('says %i seconds as “%s”', (seconds, words) => {
    expect(windowInWords(seconds)).toBe(words);
  });
});

describe('limitInWords', () => {
  it('says how much a window allows, with thousands separated', () => {
    expect(limitInWords({ limit: 1500, window: 60 })).toBe('1,500 per minute');
    expect(limitInWords({ limit: 10, window: 86_400 * 3 })).toBe('10 per 3 days');
  });
});

describe('limitAppliesTo', () => {
  it('says an auto limit counts every request, whatever its name', () => {
    expect(limitAppliesTo({ name: 'writes', auto: true })).toBe('Every request (auto)');
  });

  it('names the routes that count in writes and export', () => {
    expect(limitAppliesTo({ name: 'writes', auto: false })).toBe('Content writes (POST, PATCH and DELETE /contents)');
    expect(limitAppliesTo({ name: 'export', auto: false })).toBe('Audit log exports (GET /audit-logs/export)');
  });

  it('says a limit no route names counts nothing yet', () => {
    expect(limitAppliesTo({ name: 'search', auto: false })).toBe('Only routes that name it: none do yet');
  });
});
