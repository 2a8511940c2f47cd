import { limitRowsFrom, newLimitRow, sameLimits, validateLimitRows, type LimitRow } from './limit-rows';

const row = (overrides: Partial<LimitRow> = {}): LimitRow => ({ id: 0, name: 'search', limit: '100', window: '1', unit: 'minutes', cost: '1', auto: false, ...overrides });
const rowErrors = (rows: LimitRow[]) => {
  const result = validateLimitRows(rows);
  return result.ok ? null : result.errors.rows;
};

describe('validateLimitRows', () => {
  it('turns the rows into the list the server takes, the window in seconds', () => {
    expect(validateLimitRows([row(), row({ id: 1, name: 'writes', limit: '5', window: '2', unit: 'hours', cost: '3', auto: true })])).toEqual({
      ok: true,
      limits: [
        { name: 'search', limit: 100, window: 60, cost: 1, auto: false },
        { name: 'writes', limit: 5, window: 7200, cost: 3, auto: true },
      ],
    });
  });

  it('trims names and counts an empty cost as 1', () => {
    const result = validateLimitRows([row({ name: ' search ', cost: ' ' })]);
    expect(result.ok && result.limits[0]).toMatchObject({ name: 'search', cost: 1 });
  });

  it('accepts a limit of 0 and a cost of 0, as the server does', () => {
    const result = validateLimitRows([row({ limit: '0', cost: '0' })]);
    expect(result.ok && result.limits[0]).toMatchObject({ limit: 0, cost: 0 });
  });

  it('refuses the name default, which is the rate limit', () => {
    expect(rowErrors([row({ name: 'default' })])).toEqual([{ name: '“default” is the rate limit’s name; choose another' }]);
  });

  it('flags the second of two limits with the same name, not the first', () => {
    expect(rowErrors([row(), row({ id: 1, window: '1', unit: 'hours' })])).toEqual([{}, { name: 'Another limit is already named “search”' }]);
  });

  it.each(['Search', '-search', 'a b', 'x'.repeat(41)])('refuses the name %s', (name) => {
    expect(rowErrors([row({ name })])?.[0].name).toBe('Use up to 40 lowercase letters, digits, _ . or -, starting with a letter or digit');
  });

  it('asks for a name and for what the window allows', () => {
    expect(rowErrors([row({ name: '', limit: '' })])).toEqual([{ name: 'Give the limit a name', limit: 'Enter how much the window allows' }]);
  });

  it.each([
    ['0', 'seconds'],
    ['31', 'days'],
    ['2592001', 'seconds'],
    ['1.5', 'hours'],
    ['', 'minutes'],
  ] as const)('refuses a window of %s %s', (window, unit) => {
    expect(rowErrors([row({ window, unit })])).toEqual([{ window: 'A window is a whole number from 1 second to 30 days' }]);
  });

  it('accepts windows of exactly 1 second and 30 days', () => {
    const result = validateLimitRows([row({ window: '1', unit: 'seconds' }), row({ id: 1, name: 'month', window: '30', unit: 'days' })]);
    expect(result.ok && result.limits.map((limit) => limit.window)).toEqual([1, 2_592_000]);
  });

  it.each(['-1', 'many', '1000000001'])('refuses the number %s for a limit or a cost', (text) => {
    expect(rowErrors([row({ limit: text, cost: text })])).toEqual([
      { limit: 'Enter a whole number from 0 to 1,000,000,000', cost: 'Enter a whole number from 0 to 1,000,000,000' },
    ]);
  });

  it('refuses more than 10 limits for the list as a whole', () => {
    const rows = Array.from({ length: 11 }, (_, i) => row({ id: i, name: `limit-${i}` }));
    const result = validateLimitRows(rows);
    expect(result.ok ? null : result.errors.list).toBe('At most 10 named limits');
    expect(validateLimitRows(rows.slice(0, 10)).ok).toBe(true);
  });
});

describe('limitRowsFrom', () => {
  it('shows each window in the largest unit that divides it', () => {
    const rows = limitRowsFrom([
      { name: 'a', limit: 1, window: 90, cost: 1, auto: false },
      { name: 'b', limit: 1, window: 7200, cost: 2, auto: true },
      { name: 'c', limit: 1, window: 604_800, cost: 1, auto: false },
    ]);
    expect(rows.map(({ window, unit }) => `${window} ${unit}`)).toEqual(['90 seconds', '2 hours', '7 days']);
    expect(rows[1]).toMatchObject({ cost: '2', auto: true });
  });

  it('gives back the same list when nothing is edited', () => {
    const stored = [{ name: 'search', limit: 100, window: 90, cost: 2, auto: true }];
    expect(validateLimitRows(limitRowsFrom(stored))).toEqual({ ok: true, limits: stored });
  });
});

describe('newLimitRow', () => {
  it('takes an id no row has', () => {
    expect(newLimitRow([row({ id: 0 }), row({ id: 4 })]).id).toBe(5);
    expect(newLimitRow([]).id).toBe(0);
  });
});

describe('sameLimits', () => {
  const stored = { name: 'search', limit: 100, window: 60, cost: 1, auto: false };

  it('treats a left-out cost and auto as their defaults', () => {
    expect(sameLimits([stored], [{ name: 'search', limit: 100, window: 60 }])).toBe(true);
  });

  it('sees a changed window, a removed limit and a new order', () => {
    expect(sameLimits([stored], [{ ...stored, window: 61 }])).toBe(false);
    expect(sameLimits([stored], [])).toBe(false);
    const other = { ...stored, name: 'writes' };
    expect(sameLimits([stored, other], [other, stored])).toBe(false);
  });
});
