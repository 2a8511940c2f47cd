// A date written into a test as a literal turns from future into past on its own, and the test with
// it (issue 12: an expiry of 2027-01-01 that stopped being refused for the right reason). Tests take
// dates relative to now, or to an injected clock set in the past; this finds the ones that do not.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const HORIZON_YEARS = 3;

const QUOTED_DATE = /(['"`])(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\1/g;
const DATE_PARTS = /\b(?:new Date|Date\.UTC)\(\s*(\d{4})\s*,\s*(\d{1,2})(?:\s*,\s*(\d{1,2}))?/g;

/** The date literals in `source` that fall after `now` and within the next three years. */
export function futureDateLiterals(source: string, now: Date): string[] {
  const horizon = new Date(now);
  horizon.setUTCFullYear(horizon.getUTCFullYear() + HORIZON_YEARS);
  const soon = (date: Date) => date > now && date <= horizon;
  const found: string[] = [];
  for (const [, , text] of source.matchAll(QUOTED_DATE)) {
    if (soon(new Date(text))) found.push(text);
  }
  for (const [call, year, month, day] of source.matchAll(DATE_PARTS)) {
    if (soon(new Date(Date.UTC(Number(year), Number(month), Number(day ?? 1))))) found.push(`${call})`);
  }
  return found;
}

const TEST_FILE = /\.(spec|e2e-spec)\.tsx?$/;
const TEST_SUPPORT = ['test/helpers', 'web/src/test-support'];

/** Every spec file, and the helpers that build test data, relative to `root`. */
export function testFiles(root: string): string[] {
  const inDirectory = (dir: string) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((entry) => join(dir, entry));
  const specs = ['src', 'test', 'web/src'].flatMap(inDirectory).filter((file) => TEST_FILE.test(file));
  const support = TEST_SUPPORT.flatMap(inDirectory).filter((file) => /\.tsx?$/.test(file));
  return [...new Set([...specs, ...support])].map((file) => relative(root, join(root, file))).sort();
}

export function readSource(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8');
}
