import { join } from 'node:path';
import { futureDateLiterals, readSource, testFiles } from './future-dates.js';

const ROOT = join(import.meta.dirname, '..', '..');
const THIS_FILE = 'test/jest/future-dates.spec.ts'; // its examples are dated against its own clock
const now = new Date('2026-12-01T12:00:00.000Z');

describe('futureDateLiterals', () => {
  it('finds quoted dates and Date parts within the next three years', () => {
    const source = `
      const a = '2027-01-01T00:00:00.000Z';
      const b = "2026-12-05";
      const c = \`2029-11-30T23:59\`;
      const d = new Date(2027, 5, 1);
      const e = Date.UTC(2028, 0, 2, 12);
    `;
    expect(futureDateLiterals(source, now)).toEqual(['2027-01-01T00:00:00.000Z', '2026-12-05', '2029-11-30T23:59', 'new Date(2027, 5, 1)', 'Date.UTC(2028, 0, 2)']);
  });

  it('leaves past dates, "never" dates beyond three years and non-dates alone', () => {
    const source = `'2026-11-23T10:00:00.000Z', '2020-01-01', '2099-01-01T00:00:00.000Z', new Date(2025, 11, 1), 'v2027-01-01x', '20270101'`;
    expect(futureDateLiterals(source, now)).toEqual([]);
  });
});

describe('test files', () => {
  it('hold no absolute date within the next three years: dates are relative to now or to an injected clock', () => {
    const files = testFiles(ROOT);
    expect(files).toContain('test/api-keys.e2e-spec.ts');
    expect(files).toContain('web/src/keys/expiry.spec.ts');
    const offenders = files
      .filter((file) => file !== THIS_FILE)
      .map((file) => ({ file, dates: futureDateLiterals(readSource(ROOT, file), new Date()) }))
      .filter(({ dates }) => dates.length > 0);
    expect(offenders).toEqual([]);
  });
});
